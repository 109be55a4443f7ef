// The /proc/sys subset sysctl reads here, from the network namespace the shell stands in: IP
// forwarding (kubeadm's preflight wants net.ipv4.ip_forward = 1), br_netfilter's
// bridge-nf-call-iptables (so bridged pod traffic meets kube-proxy's rules), the per-interface
// net.ipv4.conf.* values of every link (Calico's cali* veths with proxy_arp 1 and rp_filter 1,
// Ubuntu's rp_filter 2 elsewhere), and on a node the conntrack table's sysctls and the live
// nf_conntrack_count. The writable keys (ip_local_port_range, nf_conntrack_max, also
// net.nf_conntrack_max, and the TIME_WAIT timeout) are read from and written to the node's one
// sysctl store (dataplane/packet/node-sysctls.ts), with its validation: the store the conntrack
// table, the SNAT accounting and the load generators read. Writing any other key says it is not
// simulated; a pod's /proc/sys is mounted read-only.

import type { CommandContext } from '../../command-types';
import { NF_CONNTRACK_BUCKETS } from '../../../dataplane/conntrack/conntrack-sysctls';
import { normaliseSysctl, SYSCTL_DEFAULTS, WRITABLE_SYSCTLS, sysctlNames, writableSysctl, type NodeSysctls } from '../../../dataplane/packet/node-sysctls';

const CONF_KEYS = ['accept_redirects', 'arp_announce', 'arp_ignore', 'forwarding', 'proxy_arp', 'route_localnet', 'rp_filter', 'send_redirects'] as const;

/** What writing a key does: store the value, or refuse it (EINVAL, mode 0444, a read-only mount), or nothing simulated. */
export type WriteResult = { ok: true; value: string } | { ok: false; error: 'invalid' | 'read-only' | 'read-only-fs' | 'not-simulated' };

/** The writable keys as procps users name them, for the not-simulated message. */
export const WRITABLE_KEYS_TEXT = WRITABLE_SYSCTLS.join(', ');

export interface KernelParams {
  values: Map<string, string>;
  write(key: string, value: string): WriteResult;
}

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

const READ_ONLY_KEYS = new Set(['net.netfilter.nf_conntrack_count']);

/** A node's kernel as sysctl reaches it: its sysctl store and its live conntrack count. */
interface NodeKernel {
  node: string;
  sysctls: NodeSysctls;
  count(): number;
}

/** The node's conntrack values: the store's writable ones, the live count, kube-proxy's and the kernel's fixed ones. */
function conntrackValues(k: NodeKernel): [string, string][] {
  return [
    ['net.netfilter.nf_conntrack_buckets', String(NF_CONNTRACK_BUCKETS)],
    ['net.netfilter.nf_conntrack_count', String(k.count())],
    // kube-proxy's tcpCloseWaitTimeout and tcpEstablishedTimeout; the rest are the kernel's defaults.
    ['net.netfilter.nf_conntrack_tcp_timeout_close_wait', '3600'],
    ['net.netfilter.nf_conntrack_tcp_timeout_established', '86400'],
    ['net.netfilter.nf_conntrack_udp_timeout', '30'],
    ['net.netfilter.nf_conntrack_udp_timeout_stream', '120'],
  ];
}

/** Every name of every writable key with the node's value (a pod's own netns: the defaults). */
function storeValues(k: NodeKernel | undefined): [string, string][] {
  return WRITABLE_SYSCTLS.filter((key) => k || key === 'net.ipv4.ip_local_port_range').flatMap((key) => sysctlNames(key).map((name): [string, string] => [name, k ? k.sysctls.get(k.node, key) : SYSCTL_DEFAULTS[key]]));
}

export function kernelParams(ctx: CommandContext): KernelParams {
  const loc = ctx.session?.location();
  const world = ctx.session?.network();
  let node: string | undefined;
  let links: string[] = ['lo', 'eth0'];
  if (loc?.kind === 'node' && world) {
    node = loc.node;
    links = world.dataplane.nodes[loc.node]?.links.map((l) => l.name) ?? links;
  } else if (loc?.kind === 'pod' && world) {
    const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
    node = pod?.spec.hostNetwork ? pod.spec.nodeName : undefined;
    const ns = node ? world.dataplane.nodes[node] : world.dataplane.pods[`${loc.namespace}/${loc.pod}`];
    links = ns?.links.map((l) => l.name) ?? links;
  }
  // In a netns made with `ip netns add` (`ip netns exec NAME sysctl …`): its own devices and ip_forward.
  const named = loc?.kind === 'node' && loc.netns !== undefined && world ? world.dataplane.named?.[`${loc.node}/${loc.netns}`] : undefined;
  if (named) {
    node = undefined;
    links = named.links.map((l) => l.name);
  }
  const kernel: NodeKernel | undefined = node && world ? { node, sysctls: world.nodes.sysctls, count: () => world.nodes.conntrack(node).count(ctx.cluster.now()) } : undefined;
  // Only a node's own shell writes: a container's /proc/sys is mounted read-only.
  const writable = loc?.kind === 'node';
  const p = new Map<string, string>();
  p.set('net.bridge.bridge-nf-call-arptables', '1');
  p.set('net.bridge.bridge-nf-call-ip6tables', '1');
  p.set('net.bridge.bridge-nf-call-iptables', '1');
  p.set('net.core.somaxconn', '4096');
  for (const link of ['all', 'default', ...links]) for (const key of CONF_KEYS) p.set(`net.ipv4.conf.${link.replace(/\./g, '/')}.${key}`, confValue(key, link, node !== undefined));
  p.set('net.ipv4.ip_forward', named ? (named.forwarding ? '1' : '0') : '1');
  for (const [k, v] of storeValues(kernel)) p.set(k, v);
  if (kernel) for (const [k, v] of conntrackValues(kernel)) p.set(k, v);
  const values = new Map([...p.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    values,
    write(key, value) {
      if (!values.has(key)) return { ok: false, error: 'not-simulated' };
      if (!writable) return { ok: false, error: 'read-only-fs' };
      if (READ_ONLY_KEYS.has(key)) return { ok: false, error: 'read-only' };
      if (named && key === 'net.ipv4.ip_forward') return writeNamedForwarding(ctx, named.name ?? '', value, values);
      const stored = writableSysctl(key);
      if (!stored || !kernel) {
        // Writing the value a key already has changes nothing (kubeadm's k8s.conf sets ip_forward = 1 on every re-read).
        return values.get(key) === value.trim() ? { ok: true, value: value.trim() } : { ok: false, error: 'not-simulated' };
      }
      const r = kernel.sysctls.write(kernel.node, stored, value);
      if (!r.ok) return r;
      for (const [k, v] of storeValues(kernel)) values.set(k, v);
      return r;
    },
  };
}

/** net.ipv4.ip_forward of a named netns: its own value, kept with the learner's hand-made changes. */
function writeNamedForwarding(ctx: CommandContext, name: string, raw: string, values: Map<string, string>): WriteResult {
  const v = normaliseSysctl('net.ipv4.ip_forward', raw);
  if ('error' in v) return { ok: false, error: 'invalid' };
  const e = ctx.session?.changeNetwork?.({ op: 'forwarding', ns: name, value: Number(v.value) !== 0 });
  if (e) return { ok: false, error: 'not-simulated' };
  values.set('net.ipv4.ip_forward', v.value);
  return { ok: true, value: v.value };
}
