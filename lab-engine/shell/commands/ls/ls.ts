// ls: the workstation's simulated files only (the virtual filesystem; nothing of the host).
// `-a` `-l` `-1` `-A` `-h` are accepted; -l shows a plausible long listing of the text files.

import type { ShellCommand } from '../../command-types';
import { OutputBuilder, fail } from '../../command-types';
import { parseOptions } from '../gnu-options';

export const ls: ShellCommand = {
  name: 'ls',
  run({ args, fs, env }) {
    const parsed = parseOptions('ls', args, { flags: 'alAh1dFrt', long: { all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd' } });
    if (!parsed.ok) return fail(parsed.error, 2);
    const out = new OutputBuilder();
    const long = parsed.flags.has('l');
    const targets = parsed.operands.length ? parsed.operands : ['.'];
    let status = 0;
    const line = (name: string, path: string) => {
      if (!long) return `${name}\n`;
      const dir = name.endsWith('/') || fs.isDirectory(path);
      const size = dir ? 4096 : Buffer.byteLength(fs.read(path) ?? '');
      return `${dir ? 'drwxr-xr-x' : '-rw-r--r--'} 1 learner learner ${String(size).padStart(5)} Jan  1 00:00 ${name.replace(/\/$/, '')}\n`;
    };
    targets.forEach((target, i) => {
      const path = target === '.' ? undefined : target;
      const resolved = fs.resolve(path ?? env.PWD ?? '.');
      if (fs.read(resolved) !== undefined) { out.out(line(target, resolved)); return; }
      if (!fs.isDirectory(resolved)) {
        out.err(`ls: cannot access '${target}': No such file or directory\n`);
        status = 2;
        return;
      }
      if (targets.length > 1) out.out(`${i ? '\n' : ''}${target}:\n`);
      const names = fs.list(resolved);
      if (long) out.out(`total ${names.length * 4}\n`);
      for (const name of names) out.out(line(name.replace(/\/$/, ''), `${resolved}/${name}`));
    });
    return out.done(status);
  },
};

