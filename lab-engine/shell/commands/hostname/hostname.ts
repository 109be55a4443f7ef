// `hostname` where the shell stands: the workstation, a node, or a pod (its name; a hostNetwork
// pod sees its node's). `-i` resolves the name the way /etc/hosts says (a node's InternalIP, a
// pod's IP from kubelet's hosts file), `-I` lists every global IPv4 address of the netns
// (a node's eth0 plus tunl0/flannel.1/cni0), `-s`/`-f`/`-d` the short, full and domain names.

import type { CommandOutput, ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';

export const WORKSTATION_HOSTNAME = 'workstation';
/** The workstation on the nodes' network (the host a kind cluster runs on). */
export const WORKSTATION_IP = '172.18.0.1';

export const hostname: ShellCommand = {
  name: 'hostname',
  run(ctx): CommandOutput {
    const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
    let name = WORKSTATION_HOSTNAME;
    let ip = '127.0.1.1';
    if (loc.kind === 'node') {
      name = loc.node;
      ip = ctx.cluster.get('nodes', undefined, loc.node)?.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
    } else if (loc.kind === 'pod') {
      const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
      name = pod?.spec.hostNetwork ? pod.spec.nodeName ?? loc.pod : loc.pod;
      ip = pod?.status.podIP ?? '';
    }
    const all = () => {
      const ns = ctx.session?.netns();
      if (!ns) return loc.kind === 'workstation' ? `${WORKSTATION_IP} ` : '';
      return ns.addresses.filter((a) => a.family === 'inet' && a.scope === 'global').map((a) => `${a.address} `).join('');
    };
    if (!ctx.args.length) return ok(`${name}\n`);
    const [a, ...rest] = ctx.args;
    if (rest.length) return fail(`hostname: extra operand '${rest[0]}'\n`, 1);
    switch (a) {
      case '-i':
      case '--ip-address':
        return ok(`${ip}\n`);
      case '-I':
      case '--all-ip-addresses':
        return ok(`${all()}\n`);
      case '-s':
      case '--short':
        return ok(`${name.split('.')[0]}\n`);
      case '-f':
      case '--fqdn':
      case '--long':
        return ok(`${name}\n`);
      case '-d':
      case '--domain':
        return ok('\n');
      case '-h':
      case '--help':
        return ok('Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n       hostname                                 display host name\n');
      default:
        if (a.startsWith('-')) return fail(`hostname: invalid option -- '${a.replace(/^-+/, '').slice(0, 1)}'\nUsage: hostname [-b] {hostname|-F file}         set host name (from file)\n`, 1);
        if (loc.kind === 'workstation') return fail('hostname: you must be root to change the host name\n', 1);
        if (loc.kind === 'pod') return fail('hostname: sethostname: Operation not permitted\n', 1);
        return fail('hostname: renaming a node is not modelled in this simulated cluster (kubelet would keep the old Node name)\n', 1);
    }
  },
};
