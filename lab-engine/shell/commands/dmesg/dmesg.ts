// dmesg (util-linux 2.39, Ubuntu 24.04) on a node: the kernel ring buffer, which in this model
// holds what conntrack writes when its table is full (dataplane/conntrack/kernel-log.ts) and
// nothing from boot. Default lines are "[seconds.micros since boot] message" (the seconds padded
// to 5 columns, as printk's own prefix); -T prints ctime-style wall-clock stamps instead; -l
// filters by level (all these lines are warn); -C clears the buffer, -c prints it and clears it.
// -w (follow) and -H (pager and colours) are not simulated and say so.

import { OutputBuilder, type CommandOutput, type ShellCommand, type CommandContext } from '../../command-types';
import type { KernelLogState } from '../../../dataplane/conntrack/kernel-log';

export interface NodeKernelLog {
  log: KernelLogState;
  /** When the node's kernel started, ms since epoch. */
  bootMs: number;
}

export type NodeKernelLogResolver = (ctx: CommandContext) => NodeKernelLog | undefined;

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const USAGE = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -C, --clear                 clear the kernel ring buffer
 -c, --read-clear            read and clear all messages
 -k, --kernel                display kernel messages
 -l, --level <list>          restrict output to defined levels
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -t, --notime                don't show any timestamp with messages
 -w, --follow                wait for new messages
 -H, --human                 human readable output

 -h, --help                  display this help
 -V, --version               display version

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages

For more details see dmesg(1).
`;

/** ctime's "%a %b %e %H:%M:%S %Y" in UTC, the nodes' timezone. */
export function ctimeStamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** printk's "[%5lu.%06lu]": seconds since boot. */
export function monotonicStamp(sinceBootMs: number): string {
  const ms = Math.max(0, sinceBootMs);
  return `${String(Math.floor(ms / 1000)).padStart(5, ' ')}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

export function runDmesg(args: readonly string[], k: NodeKernelLog): CommandOutput {
  const out = new OutputBuilder();
  let ctime = false;
  let notime = false;
  let clear = false;
  let print = true;
  let levels: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return out.out(USAGE).done(0);
    if (a === '-V' || a === '--version') return out.out('dmesg from util-linux 2.39.3\n').done(0);
    if (a === '-T' || a === '--ctime') ctime = true;
    else if (a === '-t' || a === '--notime') notime = true;
    else if (a === '-k' || a === '--kernel') continue;
    else if (a === '-C' || a === '--clear') {
      clear = true;
      print = false;
    } else if (a === '-c' || a === '--read-clear') clear = true;
    else if (a === '-l' || a === '--level' || a.startsWith('--level=')) {
      const list = a.startsWith('--level=') ? a.slice(8) : args[++i];
      if (list === undefined) return out.err(`dmesg: option requires an argument -- 'l'\nTry 'dmesg --help' for more information.\n`).done(1);
      for (const l of list.split(',')) if (!LEVELS.includes(l)) return out.err(`dmesg: unknown level '${l}'\n`).done(1);
      levels = list.split(',');
    } else if (a === '-w' || a === '--follow' || a === '-H' || a === '--human') return out.err(`dmesg: ${a} is not simulated in Flatnet; run dmesg again to see new lines\n`).done(1);
    else return out.err(`dmesg: ${a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a.slice(1, 2)}'`}\nTry 'dmesg --help' for more information.\n`).done(1);
  }
  if (print && (!levels || levels.includes('warn'))) {
    for (const line of k.log.lines) {
      const stamp = notime ? '' : `[${ctime ? ctimeStamp(line.atMs) : monotonicStamp(line.atMs - k.bootMs)}] `;
      out.out(`${stamp}${line.text}\n`);
    }
  }
  if (clear) k.log.lines.length = 0;
  return out.done(0);
}

export function createDmesgCommand(resolve: NodeKernelLogResolver): ShellCommand {
  return {
    name: 'dmesg',
    run(ctx) {
      const k = resolve(ctx);
      if (!k) return { stdout: '', stderr: 'dmesg: read kernel buffer failed: Operation not permitted\n', exitCode: 1 };
      return runDmesg(ctx.args, k);
    },
  };
}
