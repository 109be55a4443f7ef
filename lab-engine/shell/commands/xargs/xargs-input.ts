// How GNU xargs cuts its input into arguments: blanks and newlines separate them unless quoted
// ('...' or "...", which may not span lines) or escaped with a backslash; with -I each line is one
// argument; with -0 / -d every character is literal and only the delimiter separates.

export type InputMode =
  | { kind: 'words'; eof?: string }
  | { kind: 'lines'; eof?: string }
  | { kind: 'delimiter'; delimiter: string };

/** Arguments grouped by the input line they came from (for -L), or an xargs complaint. */
export type SplitResult = { ok: true; lines: string[][] } | { ok: false; error: string };

export function splitInput(text: string, mode: InputMode): SplitResult {
  if (mode.kind === 'delimiter') {
    const parts = text.split(mode.delimiter);
    if (parts[parts.length - 1] === '') parts.pop();
    return { ok: true, lines: parts.map((p) => [p]) };
  }
  const lines: string[][] = [];
  let line: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  const endWord = () => {
    if (inWord) line.push(word);
    word = '';
    inWord = false;
  };
  const endLine = () => {
    endWord();
    if (line.length) lines.push(line);
    line = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\n') return { ok: false, error: `xargs: unmatched ${quote === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option\n` };
      if (c === quote) quote = null;
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') { quote = c; inWord = true; continue; }
    if (c === '\\' && i + 1 < text.length) { word += text[++i]; inWord = true; continue; }
    if (c === '\n') {
      if (mode.kind === 'lines') { line.push(word); word = ''; inWord = false; lines.push(line); line = []; continue; }
      endLine();
      continue;
    }
    if (c === ' ' || c === '\t') {
      // With -I blanks inside a line belong to the argument; only leading ones are dropped.
      if (mode.kind === 'lines') { if (inWord) word += c; continue; }
      endWord();
      continue;
    }
    word += c;
    inWord = true;
  }
  if (quote) return { ok: false, error: `xargs: unmatched ${quote === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option\n` };
  if (mode.kind === 'lines') { if (inWord) lines.push([...line, word]); }
  else endLine();
  const eof = mode.eof;
  if (eof === undefined) return { ok: true, lines: mode.kind === 'lines' ? lines.filter((l) => l[0] !== '') : lines };
  // A logical end-of-file string ends the input where it appears as an argument.
  const kept: string[][] = [];
  for (const l of lines) {
    const at = l.indexOf(eof);
    if (at < 0) { kept.push(l); continue; }
    if (at > 0) kept.push(l.slice(0, at));
    break;
  }
  return { ok: true, lines: kept };
}
