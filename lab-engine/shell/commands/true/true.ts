// true and false: exit statuses only, handy in `&&` / `||` chains.

import type { ShellCommand } from '../../command-types';

export const trueCommand: ShellCommand = { name: 'true', run: () => ({ stdout: '', stderr: '', exitCode: 0 }) };
export const falseCommand: ShellCommand = { name: 'false', run: () => ({ stdout: '', stderr: '', exitCode: 1 }) };
