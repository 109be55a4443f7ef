// "Record solution" in the lab editor: the commands an instructor typed in Try it become lab.yaml's
// `solution:` block. The yaml package's Document API finds the block (its node and source range);
// the new text is spliced into the source there, so every other byte of the file, comments and
// flow mappings included, stays as the author wrote it. When the splice cannot be proven right
// (it re-parses to something else), the Document is edited and printed instead: comments survive
// that too, only spacing elsewhere may change.

import { isMap, isScalar, parseDocument, Scalar } from 'yaml';

export type SolutionEdit = { ok: true; text: string } | { ok: false; message: string };

/** Commands longer than this are not a shell line anyone typed; refused rather than stored. */
export const MAX_SOLUTION_COMMAND_CHARS = 2_000;
/** More commands than a solution should need; the recorder keeps the first ones only up to this. */
export const MAX_SOLUTION_COMMANDS = 200;

/** The recorded solution as separate command lines, blank ones dropped. */
export function solutionLines(solution: string | readonly string[]): string[] {
  const lines = typeof solution === 'string' ? solution.split('\n') : solution.flatMap((command) => command.split('\n'));
  return lines.map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
}

/** lab.yaml's text with `solution:` holding exactly `commands` (a literal block, one per line). */
export function replaceSolution(yamlText: string, commands: readonly string[]): SolutionEdit {
  const lines = solutionLines(commands);
  if (lines.length === 0) return { ok: false, message: 'No commands were recorded: type the solution in Try it first, then record it.' };
  if (lines.length > MAX_SOLUTION_COMMANDS) return { ok: false, message: `A solution has at most ${MAX_SOLUTION_COMMANDS} commands; this one has ${lines.length}.` };
  const tooLong = lines.find((line) => line.length > MAX_SOLUTION_COMMAND_CHARS);
  if (tooLong !== undefined) return { ok: false, message: `A solution command has at most ${MAX_SOLUTION_COMMAND_CHARS} characters.` };
  // A first line that starts with a space would set the block's indentation; commands start flush.
  const body = [lines[0].trimStart(), ...lines.slice(1)];
  const value = `${body.join('\n')}\n`;

  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) return { ok: false, message: 'lab.yaml does not parse as YAML yet; fix the error it shows, then record the solution again.' };
  if (!isMap(doc.contents)) return { ok: false, message: 'lab.yaml must be a mapping (id:, title:, …) to hold a solution.' };
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'solution');
  const block = `|\n${body.map((line) => `  ${line}`).join('\n')}`;

  let spliced: string;
  const node = pair?.value;
  if (!pair) {
    spliced = `${yamlText}${yamlText === '' || yamlText.endsWith('\n') ? '' : '\n'}\nsolution: ${block}\n`;
  } else if (node && isScalar(node) && node.range) {
    const start = node.range[0];
    let end = node.range[1];
    while (end > start && /\s/.test(yamlText[end - 1])) end -= 1;
    spliced = `${yamlText.slice(0, start)}${block}${yamlText.slice(end)}`;
  } else {
    spliced = '';
  }
  if (spliced && holdsSolution(spliced, value)) return { ok: true, text: spliced };

  // The Document way: the same value, printed by the library.
  const scalar = new Scalar(value);
  scalar.type = Scalar.BLOCK_LITERAL;
  doc.set('solution', scalar);
  const printed = doc.toString({ lineWidth: 0 });
  return holdsSolution(printed, value) ? { ok: true, text: printed } : { ok: false, message: 'The solution could not be written into lab.yaml; edit the solution: block by hand.' };
}

function holdsSolution(text: string, value: string): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && doc.get('solution') === value;
}
