// head and tail: the first or last N lines (default 10) of stdin or files, `-n N`, `-N`, `-nN`.

import type { CommandContext, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { linesOf, readSources } from '../text-input';

function makeLineFilter(name: 'head' | 'tail'): ShellCommand {
  return {
    name,
    run(ctx: CommandContext) {
      const out = new OutputBuilder();
      let count = 10;
      const files: string[] = [];
      const args = ctx.args;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        let value: string | undefined;
        if (a === '-n' || a === '--lines') value = args[++i];
        else if (a.startsWith('--lines=')) value = a.slice(8);
        else if (/^-n./.test(a)) value = a.slice(2);
        else if (/^-\d+$/.test(a)) value = a.slice(1);
        else if (a.startsWith('-') && a !== '-') {
          return out.err(`${name}: invalid option -- '${a.slice(1, 2)}'\nTry '${name} --help' for more information.\n`).done(1);
        } else {
          files.push(a);
          continue;
        }
        if (value === undefined) return out.err(`${name}: option requires an argument -- 'n'\nTry '${name} --help' for more information.\n`).done(1);
        if (!/^\d+$/.test(value)) return out.err(`${name}: invalid number of lines: ‘${value}’\n`).done(1);
        count = Number(value);
      }
      const errors: string[] = [];
      const sources = readSources(ctx, name, files, errors);
      sources.forEach((source, i) => {
        if (sources.length > 1) out.out(`${i ? '\n' : ''}==> ${source.name} <==\n`);
        const lines = linesOf(source.text);
        const picked = name === 'head' ? lines.slice(0, count) : count === 0 ? [] : lines.slice(-count);
        out.out(picked.map((l) => `${l}\n`).join(''));
      });
      for (const e of errors) out.err(e.replace(`${name}: `, `${name}: cannot open '`).replace(/: (No such|Is a)/, "' for reading: $1"));
      return out.done(errors.length ? 1 : 0);
    },
  };
}

export const head = makeLineFilter('head');
export const tail = makeLineFilter('tail');
