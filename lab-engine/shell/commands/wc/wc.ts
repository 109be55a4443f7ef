// wc: lines, words and bytes, with GNU's layout (a single count from stdin unpadded, several
// counts right-aligned to 7 columns for stdin, to the widest count for files).

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { readSources } from '../text-input';

export const wc: ShellCommand = {
  name: 'wc',
  run(ctx) {
    const out = new OutputBuilder();
    const selected = new Set<'l' | 'w' | 'c'>();
    const files: string[] = [];
    for (const a of ctx.args) {
      if (a === '--lines') selected.add('l');
      else if (a === '--words') selected.add('w');
      else if (a === '--bytes') selected.add('c');
      else if (a.startsWith('-') && a.length > 1) {
        for (const f of a.slice(1)) {
          if (f !== 'l' && f !== 'w' && f !== 'c') return out.err(`wc: invalid option -- '${f}'\nTry 'wc --help' for more information.\n`).done(1);
          selected.add(f);
        }
      } else files.push(a);
    }
    const order = (['l', 'w', 'c'] as const).filter((k) => selected.size === 0 || selected.has(k));
    const errors: string[] = [];
    const sources = readSources(ctx, 'wc', files, errors);
    const rows = sources.map((s) => ({
      name: files.length ? s.name : '',
      counts: order.map((k) => (k === 'l' ? (s.text.match(/\n/g) ?? []).length : k === 'w' ? s.text.split(/\s+/).filter(Boolean).length : Buffer.byteLength(s.text))),
    }));
    if (rows.length > 1) rows.push({ name: 'total', counts: order.map((_, i) => rows.reduce((sum, r) => sum + r.counts[i], 0)) });
    const width = files.length === 0 ? (order.length === 1 ? 1 : 7) : Math.max(1, ...rows.flatMap((r) => r.counts.map((n) => String(n).length)));
    for (const row of rows) out.out(`${row.counts.map((n) => String(n).padStart(width)).join(' ')}${row.name ? ` ${row.name}` : ''}\n`);
    for (const e of errors) out.err(e);
    return out.done(errors.length ? 1 : 0);
  },
};
