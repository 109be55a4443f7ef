// yes: repeats a line (default `y`). The real one never stops; here the output stops at the
// shell's output limit (MAX_OUTPUT_BYTES), so `yes` alone, `yes | head` or a runaway cannot
// flood the terminal or the gateway. Ctrl-C is not needed, but the signal is honoured anyway.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { MAX_OUTPUT_BYTES } from '../../../core/limits';

export const yes: ShellCommand = {
  name: 'yes',
  run({ args }) {
    const bad = args.find((a) => a.startsWith('-') && a !== '-' && a !== '--');
    if (bad) return fail(`yes: ${bad.startsWith('--') ? `unrecognized option '${bad}'` : `invalid option -- '${bad.slice(1, 2)}'`}\nTry 'yes --help' for more information.\n`);
    const line = `${args.filter((a) => a !== '--').join(' ') || 'y'}\n`;
    // One byte past the limit, so the shell's sink cuts it and says so.
    return ok(line.repeat(Math.ceil((MAX_OUTPUT_BYTES + 1) / line.length)));
  },
};
