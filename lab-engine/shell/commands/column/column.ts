// column (util-linux, on the workstation, the nodes and netshoot): `-t` lines up whitespace- (or
// -s SEP-) separated fields as a table, two spaces between columns (-o to change), -N to name
// them; without -t it fills the terminal's 80 columns (-c WIDTH) down then across (-x: across
// first), padding with tabs as util-linux does. Adjacent separators count as one, empty lines
// are dropped.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { parseOptions } from '../gnu-options';
import { linesOf } from '../text-input';

const HELP = `
Usage:
 column [options] [<file>...]

Columnate lists.

Options:
 -t, --table                      create a table
 -N, --table-columns <names>      comma separated columns names
 -R, --table-right <columns>      right align text in these columns
 -s, --separator <string>         possible table delimiters
 -o, --output-separator <string>  columns separator for table output
                                    (default is two spaces)
 -c, --output-width <width>       width of output in number of characters
 -x, --fillrows                   fill rows before columns

 -h, --help                       display this help
 -V, --version                    display version

For more details see column(1).
`;

const width = (s: string) => [...s].length;

function table(lines: string[], seps: string, outSep: string, names: string[] | undefined, right: Set<number>): string {
  const splitter = new RegExp(`[${seps.replace(/[\\\]^-]/g, '\\$&')}]+`);
  const rows = lines.filter((l) => l.trim() !== '').map((l) => l.replace(new RegExp(`^[${seps.replace(/[\\\]^-]/g, '\\$&')}]+`), '').split(splitter).filter((f, i, a) => f !== '' || i < a.length - 1));
  if (names) rows.unshift(names);
  const widths: number[] = [];
  for (const r of rows) r.forEach((f, i) => { widths[i] = Math.max(widths[i] ?? 0, width(f)); });
  return rows.map((r) => r.map((f, i) => {
    const pad = ' '.repeat(widths[i] - width(f));
    if (right.has(i + 1)) return pad + f;
    return i === r.length - 1 ? f : f + pad;
  }).join(outSep).replace(/\s+$/, '') + '\n').join('');
}

/** BSD/util-linux columnate: each column as wide as the longest entry rounded up to a tab stop. */
function fill(entries: string[], termWidth: number, acrossFirst: boolean): string {
  if (entries.length === 0) return '';
  const max = Math.max(...entries.map(width));
  const colWidth = (max + 8) & ~7;
  const cols = Math.max(1, Math.floor(termWidth / colWidth));
  if (cols === 1) return entries.map((e) => `${e}\n`).join('');
  const rows = Math.ceil(entries.length / cols);
  const tabsTo = (w: number) => '\t'.repeat(Math.ceil((colWidth - w) / 8));
  let out = '';
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    for (let c = 0; c < cols; c++) {
      const e = entries[acrossFirst ? r * cols + c : c * rows + r];
      if (e !== undefined) row.push(e);
    }
    out += row.map((e, i) => (i === row.length - 1 ? e : e + tabsTo(width(e)))).join('') + '\n';
  }
  return out;
}

function run(ctx: CommandContext): CommandOutput {
  const out = new OutputBuilder();
  if (ctx.args.includes('--help') || ctx.args.includes('-h')) return out.out(HELP).done(0);
  const parsed = parseOptions('column', ctx.args, { flags: 'tx', values: 'socNR', long: { table: 't', fillrows: 'x', 'separator=': 's', 'output-separator=': 'o', 'output-width=': 'c', 'table-columns=': 'N', 'table-right=': 'R' } });
  if (!parsed.ok) return out.err(parsed.error).done(1);
  let text = '';
  for (const f of parsed.operands.length ? parsed.operands : ['-']) {
    const t = f === '-' ? ctx.stdin : ctx.fs.read(f);
    if (t === undefined) return out.err(`column: cannot open ${f}: No such file or directory\n`).done(1);
    text += t;
  }
  const widthText = parsed.values.get('c')?.at(-1);
  const termWidth = widthText === undefined ? 80 : Number(widthText);
  if (!Number.isInteger(termWidth) || termWidth < 0) return out.err(`column: invalid columns argument: '${widthText}'\n`).done(1);
  const lines = linesOf(text);
  if (parsed.flags.has('t')) {
    const names = parsed.values.get('N')?.at(-1)?.split(',');
    const rightNames = parsed.values.get('R')?.at(-1)?.split(',') ?? [];
    const right = new Set(rightNames.map((n) => (/^\d+$/.test(n) ? Number(n) : (names?.indexOf(n) ?? -2) + 1)));
    return out.out(table(lines, parsed.values.get('s')?.at(-1) ?? ' \t', parsed.values.get('o')?.at(-1) ?? '  ', names, right)).done(0);
  }
  const entries = lines.filter((l) => l.trim() !== '');
  return out.out(fill(entries, termWidth, parsed.flags.has('x'))).done(0);
}

export const column: ShellCommand = { name: 'column', run };
