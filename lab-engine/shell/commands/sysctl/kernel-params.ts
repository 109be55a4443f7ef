// The /proc/sys subset sysctl reads here, from the network namespace the shell stands in: IP
// forwarding (kubeadm's preflight wants net.ipv4.ip_forward = 1), br_netfilter's
// bridge-nf-call-iptables (so bridged pod traffic meets kube-proxy's rules), the per-interface
// net.ipv4.conf.* values of every link (Calico's cali* veths with proxy_arp 1 and rp_filter 1,
// Ubuntu's rp_filter 2 elsewhere), and on a node the conntrack table's own sysctls, read from and
// written to the table the packet engine fills (dataplane/conntrack/conntrack-sysctls.ts):
// nf_conntrack_max (also net.nf_conntrack_max), the live nf_conntrack_count, and the TIME_WAIT
// timeout. Those two are the writable ones; writing any other key says it is not simulated.

import type { CommandContext } from '../../command-types';
import type { ConntrackTable } from '../../../dataplane/conntrack/conntrack';
import { NF_CONNTRACK_BUCKETS } from '../../../dataplane/conntrack/conntrack-sysctls';

const CONF_KEYS = ['accept_redirects', 'arp_announce', 'arp_ignore', 'forwarding', 'proxy_arp', 'route_localnet', 'rp_filter', 'send_redirects'] as const;

/** What writing a key does: store an integer, refuse (mode 0444), or nothing simulated. */
export type WriteResult = { ok: true; value: string } | { ok: false; error: 'invalid' | 'read-only' | 'not-simulated' };

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

/** The keys backed by the node's conntrack table; the rest of net.netfilter are the kernel's and kube-proxy's values. */
const CONNTRACK_MAX_KEYS = ['net.netfilter.nf_conntrack_max', 'net.nf_conntrack_max'];
const TIME_WAIT_KEY = 'net.netfilter.nf_conntrack_tcp_timeout_time_wait';
const READ_ONLY_KEYS = new Set(['net.netfilter.nf_conntrack_count']);
/** proc_dointvec_minmax with SYSCTL_ZERO..SYSCTL_INT_MAX: a whole number, no sign. */
const UNSIGNED_INT = /^\s*\+?\d{1,10}\s*$/;
const INT_MAX = 2_147_483_647;

function conntrackValues(table: ConntrackTable, nowMs: number): [string, string][] {
  const max = String(table.sysctl.max);
  return [
    ['net.netfilter.nf_conntrack_buckets', String(NF_CONNTRACK_BUCKETS)],
    ['net.netfilter.nf_conntrack_count', String(table.count(nowMs))],
    ['net.netfilter.nf_conntrack_max', max],
    // kube-proxy's tcpCloseWaitTimeout and tcpEstablishedTimeout; the rest are the kernel's defaults.
    ['net.netfilter.nf_conntrack_tcp_timeout_close_wait', '3600'],
    ['net.netfilter.nf_conntrack_tcp_timeout_established', '86400'],
    [TIME_WAIT_KEY, String(table.sysctl.tcpTimeoutTimeWait)],
    ['net.netfilter.nf_conntrack_udp_timeout', '30'],
    ['net.netfilter.nf_conntrack_udp_timeout_stream', '120'],
    ['net.nf_conntrack_max', max],
  ];
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
  const table = node && world ? world.nodes.conntrack(node) : undefined;
  const p = new Map<string, string>();
  p.set('net.bridge.bridge-nf-call-arptables', '1');
  p.set('net.bridge.bridge-nf-call-ip6tables', '1');
  p.set('net.bridge.bridge-nf-call-iptables', '1');
  p.set('net.core.somaxconn', '4096');
  for (const link of ['all', 'default', ...links]) for (const key of CONF_KEYS) p.set(`net.ipv4.conf.${link.replace(/\./g, '/')}.${key}`, confValue(key, link, node !== undefined));
  p.set('net.ipv4.ip_forward', '1');
  p.set('net.ipv4.ip_local_port_range', '32768\t60999');
  if (table) for (const [k, v] of conntrackValues(table, ctx.cluster.now())) p.set(k, v);
  const values = new Map([...p.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    values,
    write(key, value) {
      if (!values.has(key)) return { ok: false, error: 'not-simulated' };
      if (READ_ONLY_KEYS.has(key)) return { ok: false, error: 'read-only' };
      // Writing the value a key already has changes nothing (kubeadm's k8s.conf sets ip_forward = 1 on every re-read).
      if (values.get(key) === value.trim()) return { ok: true, value: value.trim() };
      const writable = table && (CONNTRACK_MAX_KEYS.includes(key) || key === TIME_WAIT_KEY);
      if (!writable) return { ok: false, error: 'not-simulated' };
      if (!UNSIGNED_INT.test(value) || Number(value) > INT_MAX) return { ok: false, error: 'invalid' };
      const n = Number(value);
      if (key === TIME_WAIT_KEY) table.sysctl.tcpTimeoutTimeWait = n;
      else table.sysctl.max = n;
      for (const [k, v] of conntrackValues(table, ctx.cluster.now())) values.set(k, v);
      return { ok: true, value: String(n) };
    },
  };
}
