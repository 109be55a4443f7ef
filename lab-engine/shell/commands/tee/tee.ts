// tee: copies stdin to stdout and to each FILE in the virtual filesystem; `-a` appends.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder, fail } from '../../command-types';
import { parseOptions } from '../gnu-options';

export const tee: ShellCommand = {
  name: 'tee',
  run({ args, stdin, fs }) {
    const parsed = parseOptions('tee', args, { flags: 'ai', long: { append: 'a', 'ignore-interrupts': 'i' } });
    if (!parsed.ok) return fail(parsed.error);
    const out = new OutputBuilder().out(stdin);
    let status = 0;
    for (const file of parsed.operands) {
      if (file === '/dev/null') continue;
      const written = fs.write(file, stdin, parsed.flags.has('a'));
      if (!written.ok) {
        out.err(`tee: ${file}: ${written.reason}\n`);
        status = 1;
      }
    }
    return out.done(status);
  },
};
