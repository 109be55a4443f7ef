// cut: fields (-f with -d, default TAB; -s drops lines without the delimiter) or characters (-c),
// with LIST as N, N-M, N-, -M separated by commas; coreutils' errors for a bad list or mode.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder, fail } from '../../command-types';
import { lastValue, parseOptions, tryHelp } from '../gnu-options';
import { linesOf, readSources } from '../text-input';

type Range = [number, number];

function parseList(list: string, what: string): Range[] | string {
  const ranges: Range[] = [];
  for (const item of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(item);
    if (!m || (!m[1] && !m[3])) return `cut: invalid ${what} range\n${tryHelp('cut')}`;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    if (from === 0 || to === 0) return `cut: ${what}s are numbered from 1\n${tryHelp('cut')}`;
    if (to < from) return `cut: invalid decreasing range\n${tryHelp('cut')}`;
    ranges.push([from, to]);
  }
  return ranges;
}

const picked = (ranges: Range[], n: number) => ranges.some(([a, b]) => n >= a && n <= b);

export const cut: ShellCommand = {
  name: 'cut',
  run(ctx) {
    const parsed = parseOptions('cut', ctx.args, {
      flags: 'sn',
      values: 'dfcb',
      long: { 'delimiter=': 'd', 'fields=': 'f', 'characters=': 'c', 'bytes=': 'b', 'only-delimited': 's', 'output-delimiter=': 'o' },
    });
    if (!parsed.ok) return fail(parsed.error);
    const fields = lastValue(parsed.values, 'f');
    const chars = lastValue(parsed.values, 'c') ?? lastValue(parsed.values, 'b');
    if (fields === undefined && chars === undefined) return fail(`cut: you must specify a list of bytes, characters, or fields\n${tryHelp('cut')}`);
    if (fields !== undefined && chars !== undefined) return fail(`cut: only one type of list may be specified\n${tryHelp('cut')}`);
    const delim = lastValue(parsed.values, 'd') ?? '\t';
    if (delim.length !== 1) return fail(`cut: the delimiter must be a single character\n${tryHelp('cut')}`);
    if (chars !== undefined && parsed.values.has('d')) return fail(`cut: an input delimiter may be specified only when operating on fields\n${tryHelp('cut')}`);
    const ranges = parseList(fields ?? chars!, fields !== undefined ? 'field' : 'byte/character');
    if (typeof ranges === 'string') return fail(ranges);
    const outDelim = lastValue(parsed.values, 'o') ?? delim;
    const out = new OutputBuilder();
    const errors: string[] = [];
    for (const source of readSources(ctx, 'cut', parsed.operands, errors)) {
      for (const line of linesOf(source.text)) {
        if (chars !== undefined) {
          out.out([...line].filter((_, i) => picked(ranges, i + 1)).join('') + '\n');
          continue;
        }
        if (!line.includes(delim)) {
          if (!parsed.flags.has('s')) out.out(`${line}\n`);
          continue;
        }
        out.out(line.split(delim).filter((_, i) => picked(ranges, i + 1)).join(outDelim) + '\n');
      }
    }
    for (const e of errors) out.err(e);
    return out.done(errors.length ? 1 : 0);
  },
};
