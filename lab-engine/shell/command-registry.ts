// Every command the workstation's shell knows, in one table. A command not listed here answers
// `bash: NAME: command not found` (exit 127).

import type { ShellCommand } from './command-types';
import { cat } from './commands/cat/cat';
import { clear } from './commands/clear/clear';
import { echo } from './commands/echo/echo';
import { grep } from './commands/grep/grep';
import { head, tail } from './commands/head/head';
import { history } from './commands/history/history';
import { kubectl } from './commands/kubectl/kubectl';
import { sleep } from './commands/sleep/sleep';
import { falseCommand, trueCommand } from './commands/true/true';
import { wc } from './commands/wc/wc';

export const WORKSTATION_COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(
  [cat, clear, echo, falseCommand, grep, head, history, kubectl, sleep, tail, trueCommand, wc].map((c) => [c.name, c]),
);
