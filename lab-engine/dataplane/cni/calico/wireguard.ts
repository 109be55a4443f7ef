// Calico's WireGuard mode: what Felix builds on each node once a FelixConfiguration turns
// `wireguardEnabled` on. Felix merges `default` with the node's own `node.<name>` (the node-specific
// one wins field by field); `wireguardEnabledV6` is the IPv6 switch and does nothing for IPv4 pods.
// The same fields may come from calico-node's environment (`FELIX_WIREGUARDENABLED=true`), which
// Felix ranks above both objects. On an enabled node Felix creates `wireguard.cali` (MTU = host MTU − 60: 20 IP + 8 UDP + 32 of
// WireGuard's header and tag), listening on UDP 51820 with fwmark 0x100000, publishes its public
// key in the Node annotation `projectcalico.org/WireguardPublicKey`, and adds as peers the other
// enabled nodes whose calico-node runs (a node that published no key is no peer), each with the
// peer's pod block as its allowed IPs. Policy routing sends pod traffic into the tunnel: rule
// `99: not from all fwmark 0x100000/0x100000 lookup 1`, and in table 1 `<peer block> dev
// wireguard.cali scope link`; a destination with no route there (a node without WireGuard) falls
// through to main, unencrypted. The pods' MTU follows the smallest overlay overhead in use.
// Simplifications: the interface has no tunnel address (host-local IPAM hands Calico none); no
// `throw` routes in table 1; peers have no handshake or transfer counters yet (no traffic meter).
// Sources: Calico docs "Encrypt in-cluster pod traffic" (FelixConfiguration wireguardEnabled,
// `wireguard.cali`, the node annotation, MTU − 60), projectcalico/calico felix/wireguard
// (routing table 1, rule priority 99, the 0x100000 mark), wireguard-tools' `wg show` format.

import type { FelixConfigurationSpec } from '../../../kube/types';
import type { Netns, WireguardDevice } from '../../netns/types';
import type { CniClusterView } from '../cluster-view';
import { NODE_MTU } from '../node-base';
import { CALICO_NODE_DAEMONSET, speakerUp } from './bgp-mesh';

export const WIREGUARD_INTERFACE = 'wireguard.cali';
/** IPv4 outer header 20 + UDP 8 + WireGuard data header 16 + Poly1305 tag 16. */
export const WIREGUARD_OVERHEAD = 60;
export const WIREGUARD_DEFAULT_PORT = 51820;
export const WIREGUARD_FWMARK = 0x100000;
export const WIREGUARD_ROUTE_TABLE = '1';
export const WIREGUARD_RULE_PRIORITY = 99;
/** The Node annotation calico-node publishes the node's key in. */
export const WIREGUARD_KEY_ANNOTATION = 'projectcalico.org/WireguardPublicKey';

export interface WireguardNodeSettings {
  enabled: boolean;
  listenPort: number;
  mtu: number;
}

/** The environment variables Felix reads these fields from (they win over every FelixConfiguration). */
const FELIX_ENV = { wireguardEnabled: 'FELIX_WIREGUARDENABLED', wireguardListeningPort: 'FELIX_WIREGUARDLISTENINGPORT', wireguardMTU: 'FELIX_WIREGUARDMTU' } as const;

/**
 * Felix's effective settings on `node`, highest priority first: calico-node's `FELIX_*`
 * environment, `node.<node>`, `default` (Felix's config loader, field by field).
 */
export function wireguardSettings(configs: readonly { name: string; spec: FelixConfigurationSpec }[], node: string, env: Readonly<Record<string, string>> = {}): WireguardNodeSettings {
  const global = configs.find((c) => c.name === 'default')?.spec ?? {};
  const own = configs.find((c) => c.name === `node.${node}`)?.spec ?? {};
  const fromEnv: FelixConfigurationSpec = {};
  const enabled = env[FELIX_ENV.wireguardEnabled];
  if (enabled !== undefined) fromEnv.wireguardEnabled = ['true', '1', 'yes', 'y', 't'].includes(enabled.toLowerCase());
  for (const k of ['wireguardListeningPort', 'wireguardMTU'] as const) {
    const v = env[FELIX_ENV[k]];
    if (v !== undefined && /^\d+$/.test(v)) fromEnv[k] = Number(v);
  }
  const pick = <K extends 'wireguardEnabled' | 'wireguardListeningPort' | 'wireguardMTU'>(k: K): FelixConfigurationSpec[K] => fromEnv[k] ?? own[k] ?? global[k];
  const mtu = pick('wireguardMTU');
  return {
    enabled: pick('wireguardEnabled') === true,
    listenPort: pick('wireguardListeningPort') ?? WIREGUARD_DEFAULT_PORT,
    mtu: mtu ? mtu : NODE_MTU - WIREGUARD_OVERHEAD,
  };
}

/** Whether Felix runs WireGuard on `node` right now: enabled for it, and its calico-node up. */
export function wireguardActive(view: CniClusterView, node: string): boolean {
  return settingsOn(view, node).enabled && speakerUp(view, node);
}

function settingsOn(view: CniClusterView, node: string): WireguardNodeSettings {
  return wireguardSettings(view.felixConfigurations ?? [], node, view.daemonSetEnv?.[node]?.[CALICO_NODE_DAEMONSET]);
}

/** A node's WireGuard public key: 32 bytes, base64 (stable per node, derived from its name). */
export function wireguardPublicKey(node: string): string {
  const bytes = new Uint8Array(32);
  let x = 2166136261;
  for (let i = 0; i < bytes.length; i++) {
    for (const c of `${node}/${i}`) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
    bytes[i] = (x >>> 8) & 0xff;
  }
  return btoa(String.fromCharCode(...bytes));
}

/** The wireguard.cali device Felix configures on `node`, or undefined when WireGuard is off there. */
export function wireguardDevice(view: CniClusterView, node: string): WireguardDevice | undefined {
  if (!wireguardActive(view, node)) return undefined;
  const { listenPort } = settingsOn(view, node);
  const peers = view.nodes
    .filter((p) => p.name !== node && p.podCIDR && wireguardActive(view, p.name))
    .map((p) => ({
      publicKey: wireguardPublicKey(p.name),
      endpoint: `${p.internalIP}:${settingsOn(view, p.name).listenPort}`,
      allowedIps: [p.podCIDR],
      node: p.name,
    }));
  return { publicKey: wireguardPublicKey(node), listenPort, fwmark: WIREGUARD_FWMARK, peers };
}

/** Puts wireguard.cali, its policy rule and table-1 routes into the node's netns; returns its MTU (undefined: off). */
export function programWireguard(view: CniClusterView, ns: Netns, node: string, ifindex: number): number | undefined {
  const device = wireguardDevice(view, node);
  if (!device) return undefined;
  const { mtu } = settingsOn(view, node);
  ns.links.push({ ifindex, name: WIREGUARD_INTERFACE, kind: 'wireguard', flags: ['POINTOPOINT', 'NOARP', 'UP', 'LOWER_UP'], mtu, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 1000, mac: '', encapsulation: { kind: 'wireguard', overheadBytes: WIREGUARD_OVERHEAD }, wireguard: device });
  (ns.rules ??= []).push({ priority: WIREGUARD_RULE_PRIORITY, notFwmark: { value: WIREGUARD_FWMARK, mask: WIREGUARD_FWMARK }, table: WIREGUARD_ROUTE_TABLE });
  for (const peer of device.peers) {
    for (const dst of peer.allowedIps) {
      ns.routes.push({ type: 'unicast', dst, dev: WIREGUARD_INTERFACE, scope: 'link', table: WIREGUARD_ROUTE_TABLE, origin: `calico (felix): WireGuard route to ${peer.node}'s block, encrypted through ${WIREGUARD_INTERFACE}` });
    }
  }
  return mtu;
}
