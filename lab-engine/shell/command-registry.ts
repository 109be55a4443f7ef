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
import { TEXT_TOOLS } from './commands/text-tools';
import { ssh } from './commands/ssh/ssh';
import { hostname } from './commands/hostname/hostname';
import { bridge } from './commands/bridge/bridge';
import { busyboxIp, ip } from './commands/ip/ip';
import { exit, logout } from './contexts/exit-command';
import { trace } from './commands/trace/trace';
import { curl } from './commands/curl/curl';
import { ping } from './commands/ping/ping';
import { wget } from './commands/wget/wget';

export const WORKSTATION_COMMANDS: ReadonlyMap<string, ShellCommand> = new Map(
  [cat, clear, echo, falseCommand, grep, head, history, kubectl, sleep, tail, trueCommand, wc, ...TEXT_TOOLS, ssh, hostname, trace, curl, ping, exit, logout].map((c) => [c.name, c]),
);

/** Every implemented command, which nodes and pods pick from by their toolsets (shell/contexts/toolsets.ts). */
export const IMPLEMENTED_COMMANDS: ReadonlyMap<string, ShellCommand> = new Map([...WORKSTATION_COMMANDS, ...[ip, bridge, wget].map((c) => [c.name, c] as const)]);

/** Commands that differ by place: iproute2's `ip` or BusyBox's, and leaving a nested shell. */
export const CONTEXT_VARIANTS = { ip, busyboxIp, contextCommands: [exit, logout] } as const;
