// jq's input: text holding one or more JSON values (a stream, as jq accepts), and the parse
// error jq prints for a bad one, naming its line and column.

import type { Json } from './jq-filter';

/** Splits text holding one or more JSON values (jq accepts a stream); a parse error names the line. */
export function parseStream(text: string): Json[] | string {
  const trimmed = text.trim();
  if (!trimmed) return [];
  try {
    return [JSON.parse(trimmed) as Json];
  } catch {
    const values: Json[] = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) { if (c === '\\') i++; else if (c === '"') inString = false; continue; }
      if (c === '"') { inString = true; if (start < 0) start = i; continue; }
      if (c === '{' || c === '[') { if (depth++ === 0) start = i; continue; }
      if (c === '}' || c === ']') {
        if (--depth === 0) {
          try { values.push(JSON.parse(text.slice(start, i + 1)) as Json); } catch { return parseErrorAt(text, i); }
          start = -1;
        }
        continue;
      }
      if (depth === 0 && !/\s/.test(c)) {
        const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|true|false|null)/.exec(text.slice(i));
        if (!m) return parseErrorAt(text, i);
        values.push(JSON.parse(m[0]) as Json);
        i += m[0].length - 1;
      }
    }
    if (depth !== 0 || inString) return 'jq: error (at <stdin>:0): Unfinished JSON term at EOF';
    return values;
  }
}

function parseErrorAt(text: string, index: number): string {
  const before = text.slice(0, index + 1);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `jq: parse error: Invalid numeric literal at line ${line}, column ${column}`;
}
