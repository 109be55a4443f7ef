// Shared by the text filters (grep, head, wc): read the named files or stdin, with coreutils'
// error wording for a missing file.

import type { CommandContext } from '../command-types';

export interface TextSource {
  name: string;
  text: string;
}

export function readSources(ctx: CommandContext, tool: string, files: string[], errors: string[]): TextSource[] {
  if (files.length === 0) return [{ name: '(standard input)', text: ctx.stdin }];
  const out: TextSource[] = [];
  for (const file of files) {
    if (file === '-') { out.push({ name: '(standard input)', text: ctx.stdin }); continue; }
    const text = ctx.fs.read(file);
    if (text === undefined) errors.push(`${tool}: ${file}: ${ctx.fs.isDirectory(file) ? 'Is a directory' : 'No such file or directory'}\n`);
    else out.push({ name: file, text });
  }
  return out;
}

/** Lines of a text, without the empty string after a final newline. */
export function linesOf(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
