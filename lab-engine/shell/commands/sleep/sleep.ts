// sleep: lets simulated time pass. In a script it only moves the cluster's clock (pods come up,
// terminating pods go); in the interactive terminal the host also really waits.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { MAX_SLEEP_MS } from '../../../core/limits';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const sleep: ShellCommand = {
  name: 'sleep',
  async run({ args, sleep: wait }) {
    if (args.length === 0) return fail("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    let total = 0;
    for (const arg of args) {
      const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
      if (!m) return fail(`sleep: invalid time interval ‘${arg}’\nTry 'sleep --help' for more information.\n`);
      total += Number(m[1]) * UNIT_MS[m[2]];
    }
    if (total > MAX_SLEEP_MS) return fail(`sleep: ${args.join(' ')}: longer than this terminal waits (${MAX_SLEEP_MS / 3_600_000} h)\n`);
    await wait(Math.round(total));
    return ok();
  },
};
