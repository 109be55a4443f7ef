// echo as bash's builtin: -n drops the newline, -e interprets backslash escapes.

import type { ShellCommand } from '../../command-types';
import { ok } from '../../command-types';

export const echo: ShellCommand = {
  name: 'echo',
  run({ args }) {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
      if (args[i].includes('n')) newline = false;
      if (args[i].includes('e')) escapes = true;
      if (args[i].includes('E')) escapes = false;
    }
    let text = args.slice(i).join(' ');
    if (escapes) text = text.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
    return ok(newline ? `${text}\n` : text);
  },
};
