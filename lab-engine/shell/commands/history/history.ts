// history: bash's numbered listing (`%5d  %s`), optionally only the last N entries.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';

export const history: ShellCommand = {
  name: 'history',
  run({ args, history: lines }) {
    let count = lines.length;
    if (args[0] !== undefined) {
      if (!/^\d+$/.test(args[0])) return fail(`bash: history: ${args[0]}: numeric argument required\n`);
      count = Math.min(Number(args[0]), lines.length);
    }
    const start = lines.length - count;
    return ok(lines.slice(start).map((line, i) => `${String(start + i + 1).padStart(5)}  ${line}\n`).join(''));
  },
};
