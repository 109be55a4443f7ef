// What kubelet makes of a pod's dnsPolicy and dnsConfig (pkg/kubelet/network/dns/dns.go,
// GetPodDNS), and the /etc/resolv.conf the container runtime writes from it (containerd: a
// `search` line, one `nameserver` line each, an `options` line):
// - ClusterFirst (and ClusterFirstWithHostNet on a hostNetwork pod): kubelet's clusterDNS, the
//   search list `<ns>.svc.<domain> svc.<domain> <domain>` and `options ndots:5`;
// - ClusterFirst on a hostNetwork pod falls back to Default (kubelet logs it and uses the node's);
// - Default: the node's resolver configuration (kubelet's --resolv-conf);
// - None: nothing but dnsConfig.
// dnsConfig is then merged in: nameservers and searches appended without duplicates, options
// replacing a same-named option (`ndots:2` replaces `ndots:5`). glibc reads at most 3
// nameservers (MAXNS), and kubelet keeps only the first three.

import type { ConfigMapReader } from '../../cluster/coredns-start';
import type { Pod } from '../../kube/types';
import { CLUSTER_ZONE } from './cluster-dns';

/** kubelet's default clusterDNS on a kubeadm cluster: the kube-dns Service's ClusterIP. */
export const CLUSTER_DNS_IP = '10.96.0.10';
/**
 * kubelet's clusterDNS (its first entry), as kube-system/kubelet-config says: the configuration
 * every node's kubelet takes here. NodeLocal DNSCache in IPVS mode, or without the kube-dns
 * address, needs it set to 169.254.20.10 for pods to ask the node's cache.
 */
export function kubeletClusterDns(store: ConfigMapReader): string {
  const text = store.get('configmaps', 'kube-system', 'kubelet-config')?.data?.kubelet ?? '';
  const listed = /^clusterDNS:[ \t]*\n[ \t]*-[ \t]*["']?([\d.]+)["']?[ \t]*$/m.exec(text)?.[1];
  const inline = /^clusterDNS:[ \t]*\[[ \t]*["']?([\d.]+)/m.exec(text)?.[1];
  return listed ?? inline ?? CLUSTER_DNS_IP;
}

/** The systemd-resolved stub a node's own /etc/resolv.conf points at. */
export const NODE_STUB_RESOLVER = '127.0.0.53';
/** glibc's MAXNS: later nameserver lines are ignored (kubelet trims and warns). */
export const MAX_NAMESERVERS = 3;
/** ndots kubelet sets for ClusterFirst (enough dots that every Service name goes through the search list). */
export const CLUSTER_FIRST_NDOTS = 5;

export type DnsPolicy = 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
export const DNS_POLICIES: readonly DnsPolicy[] = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

export interface DnsOption {
  name: string;
  value?: string;
}

/** The three things kubelet hands the runtime for the pod sandbox. */
export interface PodDnsSettings {
  nameservers: string[];
  searches: string[];
  options: DnsOption[];
}

/** Which of kubelet's branches applies: the pod's policy, with ClusterFirst on the host network degraded to Default. */
export function effectivePolicy(pod: Pod): DnsPolicy {
  const policy = (DNS_POLICIES as readonly string[]).includes(pod.spec.dnsPolicy) ? (pod.spec.dnsPolicy as DnsPolicy) : 'ClusterFirst';
  if (policy === 'ClusterFirst' && pod.spec.hostNetwork) return 'Default';
  if (policy === 'ClusterFirstWithHostNet' && !pod.spec.hostNetwork) return 'ClusterFirst';
  return policy;
}

/** The node's resolver as kubelet reads it: systemd-resolved's stub, no search domains. */
const NODE_SETTINGS: PodDnsSettings = { nameservers: [NODE_STUB_RESOLVER], searches: [], options: [{ name: 'edns0' }, { name: 'trust-ad' }] };

export function podDnsSettings(pod: Pod, clusterDns: string = CLUSTER_DNS_IP): PodDnsSettings {
  const ns = pod.metadata.namespace ?? 'default';
  let base: PodDnsSettings;
  const policy = effectivePolicy(pod);
  switch (policy) {
    case 'ClusterFirst':
    case 'ClusterFirstWithHostNet':
      base = { nameservers: [clusterDns], searches: [`${ns}.svc.${CLUSTER_ZONE}`, `svc.${CLUSTER_ZONE}`, CLUSTER_ZONE], options: [{ name: 'ndots', value: String(CLUSTER_FIRST_NDOTS) }] };
      break;
    case 'Default':
      base = structuredClone(NODE_SETTINGS);
      break;
    case 'None':
      base = { nameservers: [], searches: [], options: [] };
      break;
    default: {
      const never: never = policy;
      return never;
    }
  }
  return mergeDnsConfig(base, pod.spec.dnsConfig);
}

function mergeDnsConfig(base: PodDnsSettings, config: Pod['spec']['dnsConfig']): PodDnsSettings {
  if (!config) return base;
  const unique = (xs: string[]) => [...new Set(xs)];
  const options = [...base.options];
  for (const o of config.options ?? []) {
    const at = options.findIndex((x) => x.name === o.name);
    const next = { name: o.name, ...(o.value !== undefined ? { value: o.value } : {}) };
    if (at >= 0) options[at] = next;
    else options.push(next);
  }
  return {
    nameservers: unique([...base.nameservers, ...(config.nameservers ?? [])]).slice(0, MAX_NAMESERVERS),
    searches: unique([...base.searches, ...(config.searches ?? [])]),
    options,
  };
}

/** /etc/resolv.conf as containerd writes it for the sandbox. */
export function renderResolvConf(s: PodDnsSettings): string {
  const lines: string[] = [];
  if (s.searches.length) lines.push(`search ${s.searches.join(' ')}`);
  for (const n of s.nameservers) lines.push(`nameserver ${n}`);
  if (s.options.length) lines.push(`options ${s.options.map((o) => (o.value !== undefined ? `${o.name}:${o.value}` : o.name)).join(' ')}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The glibc resolver's settings that change how a lookup is sent (resolv.conf(5)); the defaults are glibc's. */
export interface StubOptions {
  ndots: number;
  /** Seconds to wait for an answer before the next try (RES_TIMEOUT, 5). */
  timeoutSec: number;
  /** Tries per nameserver (RES_DFLRETRY, 2). */
  attempts: number;
  /** A and AAAA one after the other on one socket. */
  singleRequest: boolean;
  /** A and AAAA one after the other, each on a new socket (so a new conntrack flow). */
  singleRequestReopen: boolean;
  /** Queries over TCP (RES_USEVC). */
  useVc: boolean;
}

/** glibc caps: ndots 15, timeout 30 s, attempts 5 (resolv/res_init.c). */
const GLIBC_CAPS = { ndots: 15, timeout: 30, attempts: 5 } as const;

export function stubOptions(options: readonly DnsOption[]): StubOptions {
  const out: StubOptions = { ndots: 1, timeoutSec: 5, attempts: 2, singleRequest: false, singleRequestReopen: false, useVc: false };
  const num = (v: string | undefined, cap: number, fallback: number) => {
    const n = Number.parseInt(v ?? '', 10);
    return Number.isFinite(n) && n >= 0 ? Math.min(n, cap) : fallback;
  };
  for (const o of options) {
    if (o.name === 'ndots') out.ndots = num(o.value, GLIBC_CAPS.ndots, out.ndots);
    else if (o.name === 'timeout') out.timeoutSec = Math.max(1, num(o.value, GLIBC_CAPS.timeout, out.timeoutSec));
    else if (o.name === 'attempts') out.attempts = Math.max(1, num(o.value, GLIBC_CAPS.attempts, out.attempts));
    else if (o.name === 'single-request') out.singleRequest = true;
    else if (o.name === 'single-request-reopen') out.singleRequestReopen = true;
    else if (o.name === 'use-vc' || o.name === 'tcp') out.useVc = true;
  }
  return out;
}

/**
 * The names a stub resolver tries, in order: a name ending in a dot is tried alone; a name with
 * at least ndots dots is tried as given first, then through the search list; any other goes
 * through the search list first and is tried as given last.
 */
export function candidateNames(name: string, searches: readonly string[], ndots: number): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = searches.filter((s) => s !== '.').map((s) => `${name}.${s}`);
  return dots >= ndots ? [name, ...searched] : [...searched, name];
}
