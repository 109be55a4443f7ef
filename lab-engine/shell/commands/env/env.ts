// env and printenv: the shell's environment as NAME=value lines, or one variable's value.

import type { ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';

export const env: ShellCommand = {
  name: 'env',
  run({ args, env: vars }) {
    const bad = args.find((a) => a.startsWith('-'));
    if (bad) return fail(`env: ${bad.startsWith('--') ? `unrecognized option '${bad}'` : `invalid option -- '${bad.slice(1, 2)}'`}\nTry 'env --help' for more information.\n`, 125);
    if (args.length) return fail(`env: running a command through env is not supported in this terminal; run '${args.join(' ')}' directly\n`, 125);
    return ok(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
  },
};

export const printenv: ShellCommand = {
  name: 'printenv',
  run({ args, env: vars }) {
    const bad = args.find((a) => a.startsWith('-'));
    if (bad) return fail(`printenv: invalid option -- '${bad.slice(1, 2)}'\nTry 'printenv --help' for more information.\n`, 2);
    if (!args.length) return ok(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
    const found = args.filter((a) => Object.hasOwn(vars, a));
    return { stdout: found.map((a) => `${vars[a]}\n`).join(''), stderr: '', exitCode: found.length === args.length ? 0 : 1 };
  },
};
