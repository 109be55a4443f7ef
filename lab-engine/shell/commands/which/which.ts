// which: where a program lives on $PATH here, or nothing and status 1 (Debian's which prints
// nothing for a missing name; so does BusyBox's). What is on $PATH is the place's own: the
// workstation's commands, the node's tools, the image's toolset (shell/contexts/toolsets.ts);
// shell builtins without a binary (cd, history, exit) are not found, as in the real shells.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { NODE_TOOLSET, toolsetForImage } from '../../contexts/toolsets';
import { busyboxBadOption, busyboxUsage, placeOf, type Userland } from '../userland';

const DEBIAN_USAGE = 'Usage: /usr/bin/which [-as] args\n';
const BB_USAGE = busyboxUsage('which', '[-a] COMMAND...', 'Locate COMMAND\n\n\t-a\tShow all matches');

/** Names the shells answer themselves, with no file behind them. */
const BUILTIN_ONLY = new Set([':', 'history', 'exit', 'logout', 'cd', 'export', 'unset', 'read', 'jobs', 'fg', 'bg', 'wait']);
const SBIN = new Set(['iptables', 'iptables-save', 'ipvsadm', 'ipset', 'conntrack', 'ip', 'bridge', 'tcpdump', 'nginx']);
const LOCAL_BIN = new Set(['kubectl', 'crictl']);
// Alpine's BusyBox installs these applets in /bin or /sbin, the rest in /usr/bin (or /usr/sbin).
const ALPINE_BIN = new Set(['cat', 'date', 'echo', 'false', 'true', 'grep', 'hostname', 'ls', 'ping', 'sed', 'sleep', 'vi', 'base64', 'sh', 'ash', 'bash', 'watch', 'printenv', 'uname']);
const ALPINE_SBIN = new Set(['ip', 'ifconfig', 'route', 'arp']);

function pathOf(name: string, userland: Userland): string {
  if (name.startsWith('/')) return name;
  switch (userland) {
    case 'busybox':
      return `/bin/${name}`;
    case 'alpine':
      return ALPINE_BIN.has(name) ? `/bin/${name}` : ALPINE_SBIN.has(name) ? `/sbin/${name}` : SBIN.has(name) ? `/usr/sbin/${name}` : `/usr/bin/${name}`;
    case 'gnu':
      return LOCAL_BIN.has(name) ? `/usr/local/bin/${name}` : SBIN.has(name) ? `/usr/sbin/${name}` : `/usr/bin/${name}`;
    default: {
      const never: never = userland;
      return never;
    }
  }
}

/** Program names on $PATH where the shell stands; `workstation` lists the workstation's commands. */
function programsHere(ctx: CommandContext, workstation: () => Iterable<string>): Set<string> {
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  if (loc.kind === 'workstation') return new Set([...workstation(), 'sh', 'bash', 'dash']);
  if (loc.kind === 'node') return new Set([...NODE_TOOLSET.programs, 'sh', 'bash', 'dash']);
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  const toolset = toolsetForImage(pod?.spec.containers.find((c) => c.name === loc.container)?.image ?? '');
  return new Set([...toolset.programs, ...(toolset.shells.length ? ['sh'] : []), ...toolset.shells]);
}

export function createWhichCommand(workstation: () => Iterable<string>): ShellCommand {
  return {
    name: 'which',
    run(ctx): CommandOutput {
      const out = new OutputBuilder();
      const userland = placeOf(ctx).userland;
      const busybox = userland !== 'gnu';
      const names: string[] = [];
      let all = false;
      if (busybox) {
        if (ctx.args[0] === '--help') return out.err(BB_USAGE).done(0);
        const bad = busyboxBadOption('which', ctx.args, 'a');
        if (bad) return out.err(bad + BB_USAGE).done(1);
      }
      let options = true;
      for (const a of ctx.args) {
        if (options && a === '--') options = false;
        else if (options && /^-[as]+$/.test(a)) all ||= a.includes('a');
        else if (options && a.startsWith('-') && a !== '-' && !busybox) return out.out(DEBIAN_USAGE).done(2);
        else {
          options = false;
          names.push(a);
        }
      }
      if (names.length === 0) return busybox ? out.err(BB_USAGE).done(1) : out.done(1);
      const here = programsHere(ctx, workstation);
      let status = 0;
      for (const name of names) {
        const base = name.replace(/^\/(usr\/)?(local\/)?s?bin\//, '');
        const found = !BUILTIN_ONLY.has(base) && here.has(base) && (!name.includes('/') || name === pathOf(base, userland) || name.replace(/^\/usr/, '') === pathOf(base, userland).replace(/^\/usr/, ''));
        if (!found) {
          status = 1;
          continue;
        }
        const path = name.includes('/') ? name : pathOf(base, userland);
        // Merged /usr (Debian, Ubuntu): /bin is a link to /usr/bin, so -a finds both.
        out.out(`${path}\n${all && userland === 'gnu' && !name.includes('/') && !LOCAL_BIN.has(base) ? `${path.replace(/^\/usr/, '')}\n` : ''}`);
      }
      return out.done(status);
    },
  };
}
