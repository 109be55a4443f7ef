// cat: concatenates files from the workstation's filesystem, or stdin with no arguments or `-`.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';

export const cat: ShellCommand = {
  name: 'cat',
  run({ args, stdin, fs }) {
    const out = new OutputBuilder();
    let status = 0;
    for (const path of args.length ? args : ['-']) {
      if (path === '-') { out.out(stdin); continue; }
      const text = fs.read(path);
      if (text === undefined) {
        out.err(`cat: ${path}: ${fs.isDirectory(path) ? 'Is a directory' : 'No such file or directory'}\n`);
        status = 1;
      } else {
        out.out(text);
      }
    }
    return out.done(status);
  },
};
