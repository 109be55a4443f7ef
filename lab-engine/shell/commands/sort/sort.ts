// sort: lines of stdin or files, by whole line or by key (-k N[,M], -t SEP), numerically (-n),
// human sizes (-h, for `kubectl top`), reversed (-r), unique (-u), case-folded (-f). Stable like
// GNU sort with a final whole-line comparison; keys follow GNU's blank-separated fields.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder, fail } from '../../command-types';
import { parseOptions, tryHelp } from '../gnu-options';
import { linesOf, readSources } from '../text-input';
import { versionCompare } from './version-compare';

interface Key { from: number; to: number; numeric: boolean; reverse: boolean; human: boolean; version: boolean }

const SUFFIX: Record<string, number> = { '': 1, K: 1e3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, m: 1e-3 };

function numeric(text: string): number {
  const m = /^\s*(-?\d*\.?\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
}

function human(text: string): number {
  const m = /^\s*(-?\d*\.?\d+)([KMGTP]i?|[km])?/.exec(text);
  return m ? Number(m[1]) * (SUFFIX[m[2] ?? ''] ?? 1) : 0;
}

function fieldsOf(line: string, sep: string | undefined): string[] {
  if (sep !== undefined) return line.split(sep);
  // Blank-separated: each field keeps its leading blanks, as GNU sort does.
  return line.match(/\s*\S+/g) ?? [''];
}

export const sort: ShellCommand = {
  name: 'sort',
  run(ctx) {
    const parsed = parseOptions('sort', ctx.args, {
      flags: 'nrufhbV',
      values: 'kto',
      long: { 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', 'human-numeric-sort': 'h', 'key=': 'k', 'field-separator=': 't', 'ignore-leading-blanks': 'b', 'version-sort': 'V', 'output=': 'o' },
    });
    if (!parsed.ok) return fail(parsed.error, 2);
    const { flags, values } = parsed;
    const sep = values.get('t')?.at(-1);
    if (sep !== undefined && sep.length !== 1) return fail(`sort: multi-character tab ‘${sep}’\n`, 2);
    const keys: Key[] = [];
    for (const spec of values.get('k') ?? []) {
      const m = /^(\d+)(?:\.\d+)?([a-zA-Z]*)(?:,(\d+)(?:\.\d+)?([a-zA-Z]*))?$/.exec(spec);
      if (!m || m[1] === '0') return fail(`sort: invalid number at field start: invalid count at start of ‘${spec}’\n${tryHelp('sort')}`, 2);
      const opts = (m[2] ?? '') + (m[4] ?? '');
      keys.push({ from: Number(m[1]), to: m[3] ? Number(m[3]) : Infinity, numeric: opts.includes('n'), reverse: opts.includes('r'), human: opts.includes('h'), version: opts.includes('V') });
    }
    const fold = flags.has('f');
    const globalNumeric = flags.has('n');
    const globalHuman = flags.has('h');
    const cmpText = (a: string, b: string) => {
      const x = fold ? a.toUpperCase() : a;
      const y = fold ? b.toUpperCase() : b;
      return x < y ? -1 : x > y ? 1 : 0;
    };
    const globalVersion = flags.has('V');
    const cmpBy = (a: string, b: string, isNum: boolean, isHuman: boolean, isVersion = globalVersion) =>
      isVersion ? versionCompare(a, b) : isHuman ? human(a) - human(b) : isNum ? numeric(a) - numeric(b) : cmpText(flags.has('b') ? a.trimStart() : a, flags.has('b') ? b.trimStart() : b);
    const keyText = (line: string, key: Key) => {
      const f = fieldsOf(line, sep);
      return f.slice(key.from - 1, key.to === Infinity ? undefined : key.to).join(sep ?? '');
    };
    const compare = (a: string, b: string): number => {
      for (const key of keys) {
        const isNum = key.numeric || globalNumeric;
        const isHuman = key.human || globalHuman;
        const ka = keyText(a, key);
        const kb = keyText(b, key);
        let c = cmpBy(isNum || isHuman ? ka : ka.trimStart(), isNum || isHuman ? kb : kb.trimStart(), isNum, isHuman, key.version || globalVersion);
        if (key.reverse) c = -c;
        if (c) return c;
      }
      if (!keys.length) {
        const c = cmpBy(a, b, globalNumeric, globalHuman);
        if (c) return c;
      }
      // GNU's last-resort comparison of whole lines, skipped with -u so "equal" keys are duplicates.
      return flags.has('u') ? 0 : a < b ? -1 : a > b ? 1 : 0;
    };
    const errors: string[] = [];
    const lines = readSources(ctx, 'sort', parsed.operands, errors).flatMap((s) => linesOf(s.text));
    if (errors.length) return fail(errors.map((e) => e.replace('sort: ', 'sort: cannot read: ')).join(''), 2);
    const sorted = lines.sort((a, b) => (flags.has('r') ? -compare(a, b) : compare(a, b)));
    const unique = flags.has('u') ? sorted.filter((l, i) => i === 0 || compare(sorted[i - 1], l) !== 0) : sorted;
    const text = unique.map((l) => `${l}\n`).join('');
    const output = values.get('o')?.at(-1);
    if (output !== undefined) {
      const written = ctx.fs.write(output, text);
      return written.ok ? new OutputBuilder().done(0) : fail(`sort: open failed: ${output}: ${written.reason}\n`, 2);
    }
    return new OutputBuilder().out(text).done(0);
  },
};
