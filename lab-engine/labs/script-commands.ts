// Splits a lab script (setup, solution, a mutation) into the commands an author wrote, one per
// logical line, keeping here-documents, quoted strings spanning lines, trailing `\`, `&&`, `||`
// and `|` with their command. The self-test runs them one by one so a failing command is
// reported with its own line and output, like `set -e` would stop at it.

export interface ScriptCommand {
  /** 1-based line in the script where the command starts. */
  line: number;
  text: string;
}

export function splitScript(script: string): ScriptCommand[] {
  const lines = script.replace(/\r\n/g, '\n').split('\n');
  const commands: ScriptCommand[] = [];
  let chunk: string[] = [];
  let start = 0;
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < lines.length; i++) {
    if (chunk.length === 0) start = i;
    const line = lines[i];
    chunk.push(line);
    const scan = scanLine(line, quote);
    quote = scan.quote;
    // Here-document bodies follow the line that opened them, whatever they contain.
    for (const doc of scan.heredocs) {
      while (i + 1 < lines.length) {
        const body = lines[++i];
        chunk.push(body);
        if ((doc.strip ? body.replace(/^\t+/, '') : body) === doc.delimiter) break;
      }
    }
    if (quote || scan.continues) continue;
    const text = chunk.join('\n');
    if (text.trim() && !isCommentOnly(text)) commands.push({ line: start + 1, text });
    chunk = [];
  }
  const rest = chunk.join('\n');
  if (rest.trim() && !isCommentOnly(rest)) commands.push({ line: start + 1, text: rest });
  return commands;
}

interface LineScan {
  quote: '' | "'" | '"';
  heredocs: { delimiter: string; strip: boolean }[];
  /** The command goes on: trailing backslash or an operator that needs a right-hand side. */
  continues: boolean;
}

function scanLine(line: string, openQuote: LineScan['quote']): LineScan {
  let quote = openQuote;
  const heredocs: LineScan['heredocs'] = [];
  let code = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      if (i === line.length - 1) return { quote, heredocs, continues: true };
      i++;
      code += 'x';
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      code += 'x';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break;
    if (c === '<' && line[i + 1] === '<' && line[i + 2] !== '<') {
      const match = /^<<(-?)\s*(?:'([^']*)'|"([^"]*)"|([^\s;&|<>]+))/.exec(line.slice(i));
      if (match) {
        heredocs.push({ strip: match[1] === '-', delimiter: match[2] ?? match[3] ?? match[4].replace(/\\/g, '') });
        i += match[0].length - 1;
        code += 'x';
        continue;
      }
    }
    code += c;
  }
  return { quote, heredocs, continues: /(&&|\|\||\|)\s*$/.test(code) };
}

function isCommentOnly(text: string): boolean {
  return text.split('\n').every((line) => !line.trim() || line.trim().startsWith('#'));
}
