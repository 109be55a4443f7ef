// What a CoreDNS container (kube-system, k8s-app=kube-dns) makes of the Corefile when it starts:
// it parses the kube-system/coredns ConfigMap as it is then (a volume, so a restart reads the
// current text), and the `loop` plugin sends one HINFO query for a random name through its own
// chain; if a `forward` sends that back to this very CoreDNS, the query arrives again and the
// plugin stops the process with log.Fatalf (plugin/loop, message as of coredns#2400):
//   [FATAL] plugin/loop: Loop (127.0.0.1:49543 -> :53) detected for zone ".", see https://coredns.io/plugins/loop#troubleshooting. Query: "HINFO 4547991504243258144.3688648895315093531."
// Either way the container exits with status 1 and the Deployment's pods crash-loop; `kubectl
// logs` shows the parse error alone, or the banner then the FATAL line.
//
// The loop comes back when a forward target is CoreDNS itself: a loopback address (127.0.0.0/8:
// inside the pod's network namespace that is CoreDNS's own :53), or the kube-dns Service. A
// `forward . /etc/resolv.conf` reads the pod's resolv.conf: the Deployment's dnsPolicy is
// Default, so that is the file the kubelet's `resolvConf` names. kubeadm writes
// /run/systemd/resolve/resolv.conf there on systemd-resolved hosts (the real upstream); pointed at
// /etc/resolv.conf, the pod gets the stub's `nameserver 127.0.0.53` and the loop (coredns#2087).
// Decision: Flatnet takes kube-system/kubelet-config as the configuration every node's kubelet
// runs (kubeadm writes /var/lib/kubelet/config.yaml from it at join and upgrade), read when the
// pod is created, as the kubelet writes resolv.conf into the sandbox then.

import type { ConfigMap, Pod } from '../kube/types';
import { COREFILE } from './bootstrap/system-configmaps';
import { COREDNS_VERSION } from './version';
import type { Program } from './container-program';
import { forwardTarget, parseCorefile, type ServerBlock } from './corefile';
import type { ObjectStore } from './object-store';

/** systemd-resolved's stub listener, in /etc/resolv.conf on Ubuntu nodes. */
export const SYSTEMD_STUB = '127.0.0.53';
/** The resolver the node network hands out (DHCP), which /run/systemd/resolve/resolv.conf lists. */
export const NODE_UPSTREAM_RESOLVER = '172.18.0.1';
/** kube-dns's ClusterIP (kubeadm: the 10th address of the Service CIDR). */
export const KUBE_DNS_IP = '10.96.0.10';
/** The real resolv.conf systemd-resolved keeps beside its stub. */
export const SYSTEMD_UPSTREAM_RESOLV_CONF = '/run/systemd/resolve/resolv.conf';

export const isCoreDns = (pod: Pod) => pod.metadata.namespace === 'kube-system' && pod.metadata.labels?.['k8s-app'] === 'kube-dns';

/** Reads ConfigMaps: the object store, or the cluster facade the dataplane holds. */
export interface ConfigMapReader {
  get(resource: 'configmaps', namespace: string, name: string): ConfigMap | undefined;
}

/** The kubelet's `resolvConf` (KubeletConfiguration), as kube-system/kubelet-config says. */
export function kubeletResolvConf(store: ConfigMapReader): string {
  const text = store.get('configmaps', 'kube-system', 'kubelet-config')?.data?.kubelet ?? '';
  return /^resolvConf:\s*(\S+)\s*$/m.exec(text)?.[1]?.replace(/^["']|["']$/g, '') ?? SYSTEMD_UPSTREAM_RESOLV_CONF;
}

/** The nameservers in a CoreDNS pod's /etc/resolv.conf (dnsPolicy Default: the kubelet's resolvConf file). */
export function corednsNameservers(store: ConfigMapReader): string[] {
  return kubeletResolvConf(store) === SYSTEMD_UPSTREAM_RESOLV_CONF ? [NODE_UPSTREAM_RESOLVER] : [SYSTEMD_STUB];
}

/** The Corefile in the ConfigMap now ('' when the ConfigMap or its key is gone). */
export function currentCorefile(store: ObjectStore): string {
  return store.get('configmaps', 'kube-system', 'coredns')?.data?.Corefile ?? '';
}

/** Whether `ip` is this CoreDNS itself: its loopback, or the Service that leads back to it. */
export function leadsBackToCoreDns(ip: string): boolean {
  return ip.startsWith('127.') || ip === KUBE_DNS_IP;
}

/** The first server block whose `loop` probe comes back, and where the probe went. */
export function detectLoop(blocks: readonly ServerBlock[], nameservers: readonly string[]): { zone: string; port: number; to: string } | undefined {
  for (const block of blocks) {
    if (!block.plugins.some((p) => p.name === 'loop')) continue;
    const forward = block.plugins.find((p) => p.name === 'forward');
    // The probe asks for `<random>.<zone>`: only a forward whose FROM covers the block's zone sees it.
    if (!forward || !forward.args[0] || !zoneCovers(forward.args[0], block.keys[0].zone)) continue;
    const target = forwardTarget(forward.args[1] ?? '');
    const ip = target?.kind === 'address' ? target.ip : target ? nameservers[0] : undefined;
    if (ip && leadsBackToCoreDns(ip)) return { zone: block.keys[0].zone, port: block.keys[0].port, to: ip };
  }
  return undefined;
}

function zoneCovers(from: string, zone: string): boolean {
  const f = from === '.' ? '.' : `${from.toLowerCase().replace(/\.$/, '')}.`;
  return f === '.' || zone === f || zone.endsWith(`.${f}`);
}

/** What reload prints for kubeadm's Corefile (a kind cluster's log); an edited one gets a checksum of its own text. */
const DEFAULT_COREFILE_SHA512 = '1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b';

/** A stable pseudo-random number from a string (the probe's name, the source port). */
function hashOf(key: string, salt: number): bigint {
  let h = BigInt(0xcbf29ce484222325n) ^ BigInt(salt);
  for (const ch of key) h = ((h ^ BigInt(ch.charCodeAt(0))) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h % 9_223_372_036_854_775_807n;
}

/** The CoreDNS banner: one line per zone it serves, then its reload checksum and version lines. */
function banner(blocks: readonly ServerBlock[], corefile: string): string[] {
  const zones = blocks.flatMap((b) => b.keys.map((k) => `${k.zone}:${k.port}`));
  const sha = corefile === COREFILE ? DEFAULT_COREFILE_SHA512 : [0, 1, 2, 3, 4, 5, 6, 7].map((i) => hashOf(corefile, i).toString(16).padStart(16, '0')).join('');
  const reload = blocks.some((b) => b.plugins.some((p) => p.name === 'reload')) ? [`[INFO] plugin/reload: Running configuration SHA512 = ${sha}`] : [];
  return [...zones, ...reload, `CoreDNS-${COREDNS_VERSION.replace(/^v/, '')}`, 'linux/amd64, go1.24.1, 707c7c1'];
}

/** What a CoreDNS start with this Corefile and resolv.conf does: runs (with its banner) or exits (with its last words). */
export function corednsStart(corefile: string, nameservers: readonly string[], seed: string): { ok: boolean; lines: string[] } {
  const parsed = parseCorefile(corefile);
  if (parsed.kind === 'error') return { ok: false, lines: [parsed.message] };
  const loop = detectLoop(parsed.blocks, nameservers);
  if (!loop) return { ok: true, lines: banner(parsed.blocks, corefile) };
  const from = loop.to.startsWith('127.') ? '127.0.0.1' : loop.to;
  const sport = 32768 + Number(hashOf(seed, 9) % 28000n);
  const query = `HINFO ${hashOf(seed, 10)}.${hashOf(seed, 11)}.${loop.zone === '.' ? '' : loop.zone}`;
  return { ok: false, lines: [...banner(parsed.blocks, corefile), `[FATAL] plugin/loop: Loop (${from}:${sport} -> :${loop.port}) detected for zone "${loop.zone}", see https://coredns.io/plugins/loop#troubleshooting. Query: "${query}"`] };
}

/** Per CoreDNS container start (pod uid, `uid#N` after N restarts): the Corefile and resolv.conf it read. */
export class CorednsStarts {
  constructor(readonly state: Record<string, string>) {}

  private read(pod: Pod, store: ObjectStore): { corefile: string; nameservers: string[] } {
    const key = startKey(pod);
    const recorded = this.state[key];
    if (recorded !== undefined) return JSON.parse(recorded) as { corefile: string; nameservers: string[] };
    const nameservers = this.state[`${pod.metadata.uid}!resolv`];
    const read = { corefile: currentCorefile(store), nameservers: nameservers ? (JSON.parse(nameservers) as string[]) : corednsNameservers(store) };
    this.state[key] = JSON.stringify(read);
    return read;
  }

  /** CoreDNS pods whose start was never seen (bootstrap's, an older snapshot's) started with the Corefile as it is now. */
  adoptRunning(store: ObjectStore): void {
    for (const pod of store.list('pods', 'kube-system')) if (isCoreDns(pod)) this.read(pod, store);
  }

  /** A new CoreDNS pod: the kubelet writes its resolv.conf into the sandbox now. */
  podCreated(pod: Pod, store: ObjectStore): void {
    if (isCoreDns(pod)) this.state[`${pod.metadata.uid}!resolv`] = JSON.stringify(corednsNameservers(store));
  }

  /** A CoreDNS whose Corefile does not parse, or whose loop plugin sees its probe come back, exits at once with status 1. */
  program(pod: Pod, store: ObjectStore): Program | undefined {
    if (!isCoreDns(pod)) return undefined;
    const { corefile, nameservers } = this.read(pod, store);
    return corednsStart(corefile, nameservers, startKey(pod)).ok ? undefined : { kind: 'exit', afterMs: 200, exitCode: 1 };
  }

  /** What the CoreDNS container logged when it last started. */
  startupLog(pod: Pod, store: ObjectStore, startedAtMs: number): { at: number; line: string }[] {
    if (!isCoreDns(pod) || Number.isNaN(startedAtMs)) return [];
    const { corefile, nameservers } = this.read(pod, store);
    return corednsStart(corefile, nameservers, startKey(pod)).lines.map((line) => ({ at: startedAtMs, line }));
  }
}

function startKey(pod: Pod): string {
  const restarts = pod.status.containerStatuses?.[0]?.restartCount ?? 0;
  return restarts > 0 ? `${pod.metadata.uid}#${restarts}` : pod.metadata.uid;
}
