// `ssh [options] [user@]host [command...]` from the workstation (or a node) to a node, by name
// or InternalIP: with no command it opens a nested root shell (`root@node-1:~#`, `exit` comes
// back); with one it runs it there, the words joined by spaces and re-parsed by the remote shell
// exactly as OpenSSH does. Hosts that are not nodes answer as OpenSSH would.

import type { CommandOutput, ShellCommand } from '../../command-types';
import { OutputBuilder } from '../../command-types';
import { KERNEL_VERSION, OS_IMAGE } from '../../../cluster/version';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
       ssh [-Q query_option]
`;

const NO_ARG = new Set('46AaCfGgKkMNnqsTtVvXxYy'.split(''));
const WITH_ARG = new Set('BbcDEeFIiJLlmOoPpRSWw'.split(''));

export const ssh: ShellCommand = {
  name: 'ssh',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const args = ctx.args;
    let i = 0;
    let port = '22';
    for (; i < args.length && args[i].startsWith('-') && args[i] !== '-'; i++) {
      const a = args[i];
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (NO_ARG.has(f)) {
          if (f === 'V') return out.err('OpenSSH_9.6p1 Ubuntu-3ubuntu13.14, OpenSSL 3.0.13 30 Jan 2024\n').done(0);
          continue;
        }
        if (WITH_ARG.has(f)) {
          const value = a.slice(j + 1) || args[++i];
          if (value === undefined) return out.err(`option requires an argument -- ${f}\n${USAGE}`).done(255);
          if (f === 'p') port = value;
          break;
        }
        return out.err(`ssh: illegal option -- ${f}\n${USAGE}`).done(255);
      }
    }
    const dest = args[i];
    if (dest === undefined) return out.err(USAGE).done(255);
    const command = args.slice(i + 1);
    const host = dest.includes('@') ? dest.slice(dest.lastIndexOf('@') + 1) : dest;
    const nodes = ctx.cluster.list('nodes');
    const node = nodes.find((n) => n.metadata.name === host || n.status.addresses.some((a) => a.type === 'InternalIP' && a.address === host));
    if (!node) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
        const isPod = ctx.cluster.list('pods').some((p) => p.status.podIP === host && !p.spec.hostNetwork);
        return out.err(`ssh: connect to host ${host} port ${port}: ${isPod ? 'Connection refused' : 'Connection timed out'}\n`).done(255);
      }
      return out.err(`ssh: Could not resolve hostname ${host}: Name or service not known\n`).done(255);
    }
    if (port !== '22') return out.err(`ssh: connect to host ${host} port ${port}: Connection refused\n`).done(255);
    const session = ctx.session;
    if (!session) return out.err('ssh: no session to open a shell in\n').done(255);
    const target = { kind: 'node' as const, node: node.metadata.name };
    if (!command.length) {
      session.enter(target);
      return out.out(`Welcome to ${OS_IMAGE} (GNU/Linux ${KERNEL_VERSION} x86_64)\n\n`).done(0);
    }
    if (!ctx.exec) return out.err('ssh: cannot run a remote command here\n').done(255);
    const depth = session.depth();
    session.enter(target, { oneShot: true });
    try {
      const r = await ctx.exec(command.join(' '));
      return out.out(r.stdout).err(r.stderr).done(r.exitCode);
    } finally {
      // Whatever the remote command did (even `exit`), come back to where ssh was typed.
      while (session.depth() > depth) session.leave();
    }
  },
};
