// Applies one hand-made change to a freshly built dataplane, the way the kernel takes it (iproute2
// 6.1 over Linux 6.8): a veth's peer is registered first and gets the lower ifindex; a new netns
// has only `lo`, down and without addresses until `ip link set lo up`; an address adds its `local`
// route at once and its subnet route only while the device is up; taking a device down (or moving
// it to another netns, which also flushes its addresses) removes the routes through it; deleting
// one end of a veth deletes the other. Devices a CNI made are not the learner's to change here:
// the CNI rebuilds them, so a change would not last (the shell says so rather than pretend).
// Carrier follows what is up: a veth has it when both ends are up, a bridge when one of its ports
// does (refreshCarrier). Sources: linux net/core/dev.c (dev_change_net_namespace), net/ipv4/
// devinet.c, fib_frontend.c (fib_add_ifaddr, fib_disable_ip), drivers/net/veth.c, net/bridge/.

import { parseCidr, formatIPv4, mustParseIPv4 } from '../../../kube/ipv4';
import { MAX_NAMED_NETNS } from '../../../core/limits';
import { addIPv4, emptyNetns, sortRoutes } from '../netns-builder';
import type { Dataplane, Link, Netns, Route } from '../types';
import type { HandError, HandOp, LinkChange } from './hand-ops';
import { handMac } from './hand-mac';
import { refreshCarrier } from './carrier';

/** veth and bridge devices take MTUs in this range (ETH_MIN_MTU, and veth's/the bridge's max). */
const MIN_MTU = 68;
const MAX_MTU = 65535;
/** What `ip route` says made a learner's route (never printed by `ip`, read by the trace). */
export const HAND_ROUTE_ORIGIN = 'added by hand (ip route add)';

export function namedKey(node: string, name: string): string {
  return `${node}/${name}`;
}

/** The netns an op names on `node`: '' is the root. */
export function handNetns(dp: Dataplane, node: string, ns: string): Netns | undefined {
  return ns === '' ? dp.nodes[node] : dp.named?.[namedKey(node, ns)];
}

/** Applies `op` to `dp` on `node`; `seq` (the op's place in the node's list) seeds its MACs. */
export function applyHandOp(dp: Dataplane, node: string, op: HandOp, seq: number): HandError | undefined {
  const error = applyOne(dp, node, op, seq);
  if (error) return error;
  refreshCarrier(dp, node);
  // `ip route` dumps the FIB in its order, the learner's routes among the kernel's.
  for (const ns of [dp.nodes[node], ...Object.values(dp.named ?? {}).filter((n) => n.node === node)]) if (ns) ns.routes = sortRoutes(ns.routes);
  return undefined;
}

function applyOne(dp: Dataplane, node: string, op: HandOp, seq: number): HandError | undefined {
  switch (op.op) {
    case 'netns-add':
      return netnsAdd(dp, node, op.name, op.forwarding);
    case 'netns-del':
      return netnsDel(dp, node, op.name);
    case 'forwarding': {
      const ns = handNetns(dp, node, op.ns);
      if (!ns || ns.kind !== 'named') return { error: 'netns-missing', name: op.ns };
      ns.forwarding = op.value;
      return undefined;
    }
    default:
      break;
  }
  const ns = handNetns(dp, node, op.ns);
  if (!ns) return { error: 'netns-missing', name: op.ns };
  switch (op.op) {
    case 'link-add':
      return op.type === 'bridge' ? addBridge(ns, op.name, seq) : addVeth(ns, op.name, op.peer, seq);
    case 'link-del':
      return linkDel(dp, ns, op.name);
    case 'link-set':
      return linkSet(dp, node, ns, op.name, op.change);
    case 'addr-add':
      return addrAdd(ns, op.dev, op.address, op.prefix, op.broadcast);
    case 'addr-del':
      return addrDel(ns, op.dev, op.address, op.prefix);
    case 'route-add':
    case 'route-del':
    case 'route-replace':
      return op.op === 'route-del' ? routeDel(ns, op.dst, op.via, op.dev) : routeAdd(ns, op.dst, op.via, op.dev, op.op === 'route-replace');
    default: {
      const never: never = op;
      return never;
    }
  }
}

function netnsAdd(dp: Dataplane, node: string, name: string, forwarding: boolean): HandError | undefined {
  const named = (dp.named ??= {});
  if (named[namedKey(node, name)]) return { error: 'netns-exists', name };
  if (Object.values(named).filter((n) => n.node === node).length >= MAX_NAMED_NETNS) return { error: 'limit', limit: MAX_NAMED_NETNS, what: 'namespaces' };
  const ns = emptyNetns(`netns/${node}/${name}`, 'named', node, undefined, name);
  ns.forwarding = forwarding;
  // A new netns has its loopback device, down and without 127.0.0.1 until it is brought up.
  ns.links.push({ ifindex: 1, name: 'lo', kind: 'loopback', flags: ['LOOPBACK'], mtu: 65536, qdisc: 'noop', state: 'DOWN', qlen: 1000, mac: '00:00:00:00:00:00', handBuilt: true });
  named[namedKey(node, name)] = ns;
  return undefined;
}

function netnsDel(dp: Dataplane, node: string, name: string): HandError | undefined {
  const key = namedKey(node, name);
  const ns = dp.named?.[key];
  if (!ns) return { error: 'netns-missing', name };
  // Its veths die with it, and so do their other ends wherever they are.
  for (const link of ns.links) if (link.peer) removeLink(dp, link.peer.netns, link.peer.name);
  delete dp.named![key];
  return undefined;
}

function nextIfindex(ns: Netns): number {
  return Math.max(0, ...ns.links.map((l) => l.ifindex)) + 1;
}

function newLink(name: string, kind: 'veth' | 'bridge', ifindex: number, mac: string): Link {
  return { ifindex, name, kind, flags: ['BROADCAST', 'MULTICAST'], mtu: 1500, qdisc: 'noop', state: 'DOWN', qlen: 1000, mac, handBuilt: true };
}

function addBridge(ns: Netns, name: string, seq: number): HandError | undefined {
  if (ns.links.some((l) => l.name === name)) return { error: 'exists' };
  ns.links.push(newLink(name, 'bridge', nextIfindex(ns), handMac(ns.id, name, seq)));
  return undefined;
}

function addVeth(ns: Netns, name: string, peerName: string | undefined, seq: number): HandError | undefined {
  let peer = peerName ?? '';
  for (let n = 0; !peerName; n++) {
    peer = `veth${n}`;
    if (peer !== name && !ns.links.some((l) => l.name === peer)) break;
  }
  if (name === peer || ns.links.some((l) => l.name === name || l.name === peer)) return { error: 'exists' };
  // veth_newlink registers the peer first: it gets the lower ifindex.
  const peerIndex = nextIfindex(ns);
  const a = newLink(peer, 'veth', peerIndex, handMac(ns.id, peer, seq));
  const b = newLink(name, 'veth', peerIndex + 1, handMac(ns.id, name, seq));
  a.peer = { netns: ns.id, ifindex: b.ifindex, name };
  b.peer = { netns: ns.id, ifindex: a.ifindex, name: peer };
  ns.links.push(a, b);
  return undefined;
}

function linkDel(dp: Dataplane, ns: Netns, name: string): HandError | undefined {
  const link = ns.links.find((l) => l.name === name);
  if (!link) return { error: 'no-device', dev: name };
  if (!link.handBuilt) return { error: 'cni-owned', dev: name };
  if (link.kind === 'loopback') return { error: 'not-supported' };
  if (link.peer) removeLink(dp, link.peer.netns, link.peer.name);
  removeLink(dp, ns.id, name);
  return undefined;
}

/** Removes a device with its addresses, its routes and its ports' membership. */
function removeLink(dp: Dataplane, netnsId: string, name: string): void {
  const ns = netnsOf(dp, netnsId);
  if (!ns) return;
  ns.links = ns.links.filter((l) => l.name !== name);
  for (const l of ns.links) if (l.master === name) delete l.master;
  ns.addresses = ns.addresses.filter((a) => a.dev !== name);
  ns.routes = ns.routes.filter((r) => r.dev !== name);
  ns.fdb = ns.fdb.filter((e) => e.dev !== name && e.master !== name);
}

export function netnsOf(dp: Dataplane, id: string): Netns | undefined {
  if (id.startsWith('node/')) return dp.nodes[id.slice(5)];
  if (id.startsWith('pod/')) return dp.pods[id.slice(4)];
  if (id.startsWith('netns/')) return dp.named?.[id.slice(6)];
  return undefined;
}

function linkSet(dp: Dataplane, node: string, ns: Netns, name: string, change: LinkChange): HandError | undefined {
  const link = ns.links.find((l) => l.name === name);
  if (!link) return { error: 'no-device', dev: name };
  if (!link.handBuilt) return { error: 'cni-owned', dev: name };
  switch (change.kind) {
    case 'up':
      return setUp(ns, link);
    case 'down':
      setDown(ns, link);
      return undefined;
    case 'mtu':
      if (change.mtu > MAX_MTU) return { error: 'mtu-too-big' };
      if (change.mtu < MIN_MTU) return { error: 'mtu-too-small' };
      link.mtu = change.mtu;
      return undefined;
    case 'master': {
      const master = ns.links.find((l) => l.name === change.master);
      if (!master) return { error: 'no-master', dev: change.master };
      if (master.kind !== 'bridge' || master === link || link.kind === 'bridge') return { error: 'not-supported' };
      link.master = master.name;
      return undefined;
    }
    case 'nomaster':
      delete link.master;
      return undefined;
    case 'netns':
      return moveLink(dp, node, ns, link, change.to);
    default: {
      const never: never = change;
      return never;
    }
  }
}

function setUp(ns: Netns, link: Link): undefined {
  if (!link.flags.includes('UP')) link.flags = [...link.flags, 'UP'];
  link.qdisc = 'noqueue';
  if (link.kind === 'loopback') {
    // NETDEV_UP on lo gives it 127.0.0.1/8 (inetdev_event) and ::1.
    link.flags = ['LOOPBACK', 'UP', 'LOWER_UP'];
    link.state = 'UNKNOWN';
    if (!ns.addresses.some((a) => a.dev === 'lo')) {
      addIPv4(ns, { dev: 'lo', address: '127.0.0.1', prefix: 8, scope: 'host' });
      ns.addresses.push({ dev: 'lo', family: 'inet6', address: '::1', prefix: 128, scope: 'host', flags: ['noprefixroute'] });
    }
    return undefined;
  }
  // fib_add_ifaddr on NETDEV_UP: each address's subnet route comes back.
  for (const a of ns.addresses.filter((x) => x.dev === link.name && x.family === 'inet' && x.prefix < 32)) {
    const dst = subnetOf(a.address, a.prefix);
    if (!ns.routes.some((r) => r.table === 'main' && r.dst === dst && r.dev === link.name && r.proto === 'kernel')) {
      ns.routes.push({ type: 'unicast', dst, dev: link.name, proto: 'kernel', scope: 'link', src: a.address, table: 'main', origin: `kernel: ${link.name} holds ${a.address}/${a.prefix}` });
    }
  }
  return undefined;
}

function setDown(ns: Netns, link: Link): void {
  link.flags = link.flags.filter((f) => f !== 'UP' && f !== 'LOWER_UP');
  if (link.kind === 'loopback') {
    link.flags = ['LOOPBACK'];
    link.state = 'DOWN';
  }
  // fib_disable_ip: every main-table route through the device goes, the learner's too.
  ns.routes = ns.routes.filter((r) => !(r.table === 'main' && r.dev === link.name));
}

function moveLink(dp: Dataplane, node: string, from: Netns, link: Link, to: string): HandError | undefined {
  const target = to === '1' ? dp.nodes[node] : dp.named?.[namedKey(node, to)];
  if (!target) return { error: 'netns-missing', name: to };
  if (target === from) return undefined;
  if (link.kind === 'loopback' || link.kind === 'bridge') return { error: 'not-supported' };
  if (target.links.some((l) => l.name === link.name)) return { error: 'exists' };
  removeLink(dp, from.id, link.name);
  // The device keeps its ifindex unless the target already uses it; it arrives down, without addresses.
  const ifindex = target.links.some((l) => l.ifindex === link.ifindex) ? nextIfindex(target) : link.ifindex;
  const moved: Link = { ...link, ifindex, flags: link.flags.filter((f) => f !== 'UP' && f !== 'LOWER_UP') };
  delete moved.master;
  target.links.push(moved);
  if (moved.peer) {
    const peerNs = netnsOf(dp, moved.peer.netns);
    const peer = peerNs?.links.find((l) => l.name === moved.peer!.name);
    if (peerNs && peer) {
      peer.peer = { netns: target.id, ifindex: moved.ifindex, name: moved.name };
      setLinkNetns(peer, peerNs, target);
      setLinkNetns(moved, target, peerNs);
    }
  }
  return undefined;
}

/** How `ip` in `here` names the netns of a veth's other end in `there`: by its name, or the root's netnsid 0. */
function setLinkNetns(link: Link, here: Netns, there: Netns): void {
  if (here === there) delete link.linkNetns;
  else link.linkNetns = there.kind === 'named' && there.name ? { name: there.name } : { id: 0 };
}

function subnetOf(address: string, prefix: number): string {
  return `${formatIPv4(parseCidr(`${address}/${prefix}`).network)}/${prefix}`;
}

function addrAdd(ns: Netns, dev: string, address: string, prefix: number, broadcast: string | undefined): HandError | undefined {
  const link = ns.links.find((l) => l.name === dev);
  if (!link) return { error: 'no-device', dev };
  if (!link.handBuilt) return { error: 'cni-owned', dev };
  if (ns.addresses.some((a) => a.dev === dev && a.family === 'inet' && a.address === address && a.prefix === prefix)) return { error: 'exists' };
  const subnet = subnetOf(address, prefix);
  // A second address in a subnet the device already has is a secondary (inet_insert_ifa).
  const secondary = ns.addresses.some((a) => a.dev === dev && a.family === 'inet' && a.prefix === prefix && subnetOf(a.address, a.prefix) === subnet);
  const up = link.flags.includes('UP');
  addIPv4(ns, { dev, address, prefix, scope: 'global', ...(broadcast ? { broadcast } : {}), ...(secondary ? { flags: ['secondary'] } : {}) }, { subnetRoute: up && !secondary });
  return undefined;
}

function addrDel(ns: Netns, dev: string, address: string, prefix: number | undefined): HandError | undefined {
  if (!ns.links.some((l) => l.name === dev)) return { error: 'no-device', dev };
  const addr = ns.addresses.find((a) => a.dev === dev && a.family === 'inet' && a.address === address && (prefix === undefined || a.prefix === prefix));
  if (!addr) return { error: 'no-such-address' };
  ns.addresses = ns.addresses.filter((a) => a !== addr);
  ns.routes = ns.routes.filter((r) => !(r.dev === dev && r.proto === 'kernel' && r.src === address));
  return undefined;
}

/** The connected (scope link) route that puts `gateway` on-link, through `dev` when one is named. */
function onLinkRoute(ns: Netns, gateway: string, dev: string | undefined): Route | undefined {
  const ip = mustParseIPv4(gateway);
  return ns.routes.find((r) => {
    if (r.table !== 'main' || r.type !== 'unicast' || r.via || !r.dev || (dev && r.dev !== dev) || r.dst === 'default') return false;
    const { network, size } = parseCidr(r.dst);
    return ip >= network && ip < network + size;
  });
}

function routeAdd(ns: Netns, dst: string, via: string | undefined, dev: string | undefined, replace: boolean): HandError | undefined {
  const link = dev === undefined ? undefined : ns.links.find((l) => l.name === dev);
  if (dev !== undefined && !link) return { error: 'no-device', dev };
  let outDev = dev;
  if (via) {
    const connected = onLinkRoute(ns, via, dev);
    if (!connected) return link && !link.flags.includes('UP') ? { error: 'device-down' } : { error: 'gateway-invalid' };
    outDev = connected.dev;
  } else if (link && !link.flags.includes('UP')) return { error: 'device-down' };
  const out = ns.links.find((l) => l.name === outDev);
  if (!out?.handBuilt) return { error: 'cni-owned', dev: outDev ?? '' };
  const existing = ns.routes.findIndex((r) => r.table === 'main' && r.dst === dst);
  if (existing >= 0 && !replace) return { error: 'exists' };
  if (existing >= 0) ns.routes.splice(existing, 1);
  ns.routes.push({ type: 'unicast', dst, ...(via ? { via } : {}), dev: outDev, ...(via ? {} : { scope: 'link' as const }), table: 'main', origin: HAND_ROUTE_ORIGIN });
  return undefined;
}

function routeDel(ns: Netns, dst: string, via: string | undefined, dev: string | undefined): HandError | undefined {
  if (dev !== undefined && !ns.links.some((l) => l.name === dev)) return { error: 'no-device', dev };
  const i = ns.routes.findIndex((r) => r.table === 'main' && r.dst === dst && (!via || r.via === via) && (!dev || r.dev === dev));
  if (i < 0) return { error: 'no-such-route' };
  const out = ns.links.find((l) => l.name === ns.routes[i].dev);
  if (!out?.handBuilt) return { error: 'cni-owned', dev: ns.routes[i].dev ?? '' };
  ns.routes.splice(i, 1);
  return undefined;
}
