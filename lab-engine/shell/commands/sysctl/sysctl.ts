// sysctl (procps-ng 4.0) over the kernel parameters a Kubernetes node's networking depends on,
// read from the network namespace the shell stands in: IP forwarding (kubeadm's preflight wants
// net.ipv4.ip_forward = 1), br_netfilter's bridge-nf-call-iptables (so bridged pod traffic meets
// kube-proxy's rules), kube-proxy's route_localnet and conntrack size, and the per-interface
// net.ipv4.conf.* values of every link in the netns (Calico's cali* veths with proxy_arp 1 and
// rp_filter 1, Ubuntu's rp_filter 2 elsewhere). Only this subset of /proc/sys exists here; a key
// outside it reads as missing. Writing (`-w key=value`, or any `key=value`, as procps-ng takes it)
// works on a node for the keys its kernel model reads (dataplane/packet/node-sysctls.ts); a pod's
// /proc/sys is mounted read-only; other writes and -p are not simulated.

import { isWritableSysctl, normaliseSysctl } from '../../../dataplane/packet/node-sysctls';
import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';

type Params = Map<string, string>;

const CONF_KEYS = ['accept_redirects', 'arp_announce', 'arp_ignore', 'forwarding', 'proxy_arp', 'route_localnet', 'rp_filter', 'send_redirects'] as const;

function confValue(key: (typeof CONF_KEYS)[number], link: string, node: boolean): string {
  const cali = link.startsWith('cali');
  switch (key) {
    case 'accept_redirects':
      return node && !cali ? '1' : '0';
    case 'arp_announce':
    case 'arp_ignore':
      return '0';
    case 'forwarding':
      return '1';
    case 'proxy_arp':
      return cali ? '1' : '0';
    case 'route_localnet':
      // kube-proxy sets it on `all` in iptables mode so NodePorts answer on 127.0.0.1.
      return node && link === 'all' ? '1' : '0';
    case 'rp_filter':
      return cali ? '1' : link === 'lo' ? '0' : '2';
    case 'send_redirects':
      return '1';
    default: {
      const never: never = key;
      return never;
    }
  }
}

function parameters(ctx: CommandContext): Params {
  const loc = ctx.session?.location();
  const world = ctx.session?.network();
  let node = false;
  let links: string[] = ['lo', 'eth0'];
  if (loc?.kind === 'node' && world) {
    node = true;
    links = world.dataplane.nodes[loc.node]?.links.map((l) => l.name) ?? links;
  } else if (loc?.kind === 'pod' && world) {
    const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
    node = !!pod?.spec.hostNetwork;
    const ns = node && pod?.spec.nodeName ? world.dataplane.nodes[pod.spec.nodeName] : world.dataplane.pods[`${loc.namespace}/${loc.pod}`];
    links = ns?.links.map((l) => l.name) ?? links;
  }
  const p: Params = new Map();
  p.set('net.bridge.bridge-nf-call-arptables', '1');
  p.set('net.bridge.bridge-nf-call-ip6tables', '1');
  p.set('net.bridge.bridge-nf-call-iptables', '1');
  p.set('net.core.somaxconn', '4096');
  for (const link of ['all', 'default', ...links]) for (const key of CONF_KEYS) p.set(`net.ipv4.conf.${link.replace(/\./g, '/')}.${key}`, confValue(key, link, node));
  p.set('net.ipv4.ip_forward', '1');
  const nodeName = loc?.kind === 'node' ? loc.node : undefined;
  p.set('net.ipv4.ip_local_port_range', nodeName && world ? world.nodes.sysctls.get(nodeName, 'net.ipv4.ip_local_port_range') : '32768\t60999');
  if (node) p.set('net.netfilter.nf_conntrack_max', '131072');
  if (nodeName && world) p.set('net.netfilter.nf_conntrack_tcp_timeout_time_wait', world.nodes.sysctls.get(nodeName, 'net.netfilter.nf_conntrack_tcp_timeout_time_wait'));
  return new Map([...p.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const sysctl: ShellCommand = {
  name: 'sysctl',
  run(ctx): CommandOutput {
    const out = new OutputBuilder();
    let valuesOnly = false;
    let all = false;
    const keys: string[] = [];
    const writes: string[] = [];
    let write = false;
    let quiet = false;
    for (const a of ctx.args) {
      if (a === '-n' || a === '--values') valuesOnly = true;
      else if (a === '-a' || a === '-A' || a === '-X' || a === '--all') all = true;
      else if (a === '-w' || a === '--write') write = true;
      else if (a === '-q' || a === '--quiet') quiet = true;
      else if (a.includes('=') && !a.startsWith('-')) writes.push(a);
      else if (a === '-p' || a.startsWith('--load') || a === '--system') return out.err('sysctl: loading settings from files is not simulated in this environment yet\n').done(1);
      else if (a.startsWith('-') && a !== '-e' && a !== '-q' && a !== '-N') return out.err(`sysctl: invalid option -- '${a.replace(/^-+/, '')}'\nUsage:\n sysctl [options] [variable[=value] ...]\n`).done(1);
      else if (!a.startsWith('-')) keys.push(a.replace(/\//g, '.'));
    }
    if (writes.length > 0 || (write && keys.length > 0)) return writeSettings(ctx, writes, keys, quiet, out);
    const params = parameters(ctx);
    const line = (k: string, v: string) => (valuesOnly ? `${v}\n` : `${k} = ${v}\n`);
    if (all) return out.out([...params].map(([k, v]) => line(k, v)).join('')).done(0);
    if (keys.length === 0) return out.err('sysctl: no variables specified\nTry `sysctl --help\' for more information.\n').done(1);
    let code = 0;
    for (const k of keys) {
      const v = params.get(k);
      if (v !== undefined) out.out(line(k, v));
      else {
        out.err(`sysctl: cannot stat /proc/sys/${k.replace(/\./g, '/')}: No such file or directory\n`);
        code = 255;
      }
    }
    return out.done(code);
  },
};

/** `sysctl -w key=value ...`: on a node, the keys the kernel model reads; each result in procps-ng's words. */
function writeSettings(ctx: CommandContext, writes: readonly string[], bare: readonly string[], quiet: boolean, out: OutputBuilder): CommandOutput {
  const loc = ctx.session?.location();
  const world = ctx.session?.network();
  let code = 0;
  // `sysctl -w key` without a value: procps-ng's own complaint.
  for (const k of bare) {
    out.err(`sysctl: "${k}" must be of the form name=value\n`);
    code = 1;
  }
  for (const w of writes) {
    const eq = w.indexOf('=');
    const key = w.slice(0, eq).replace(/\//g, '.');
    const raw = w.slice(eq + 1);
    if (loc?.kind !== 'node' || !world) {
      out.err(`sysctl: setting key "${key}": Read-only file system\n`);
      code = 1;
      continue;
    }
    if (!isWritableSysctl(key)) {
      const known = parameters(ctx).has(key);
      out.err(known ? `sysctl: changing ${key} is not simulated in this environment yet\n` : `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
      code = known ? 1 : 255;
      continue;
    }
    const value = normaliseSysctl(key, raw);
    if ('error' in value) {
      out.err(`sysctl: setting key "${key}": Invalid argument\n`);
      code = 1;
      continue;
    }
    world.nodes.sysctls.set(loc.node, key, value.value);
    if (!quiet) out.out(`${key} = ${raw}\n`);
  }
  return out.done(code);
}
