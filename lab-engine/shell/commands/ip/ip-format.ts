// iproute2's text formats for links, addresses, routes and neighbours, from the model. Trailing
// spaces are kept where iproute2 prints them (`group default ` without a qlen, route lines, inet6
// lines), because learners pipe this into grep/awk and fixtures compare bytes. BusyBox's `ip`
// applet (busybox, alpine-based images) prints the same records without `group`/`mode` and
// without the link-netns details.

import type { Address, Link, Neighbour, Netns } from '../../../dataplane/netns/types';

export type IpStyle = 'iproute2' | 'busybox';

export function linkLabel(l: Link): string {
  if (l.atNone) return `${l.name}@NONE`;
  // Both ends of a hand-made veth in one netns: iproute2 names the peer (`veth0@veth1`).
  if (l.peer && l.handBuilt && !l.linkNetns) return `${l.name}@${l.peer.name}`;
  if (l.peer) return `${l.name}@if${l.peer.ifindex}`;
  return l.name;
}

export function linkHeader(l: Link, mode: 'addr' | 'link', style: IpStyle): string {
  const master = l.master ? ` master ${l.master}` : '';
  if (style === 'busybox') return `${l.ifindex}: ${linkLabel(l)}: <${l.flags.join(',')}> mtu ${l.mtu} qdisc ${l.qdisc}${master} state ${l.state}${l.qlen ? ` qlen ${l.qlen}` : ''}`;
  const modeText = mode === 'link' ? ' mode DEFAULT' : '';
  return `${l.ifindex}: ${linkLabel(l)}: <${l.flags.join(',')}> mtu ${l.mtu} qdisc ${l.qdisc}${master} state ${l.state}${modeText} group default ${l.qlen ? `qlen ${l.qlen}` : ''}`;
}

export function linkLayerLine(l: Link, style: IpStyle, details: boolean): string {
  let text: string;
  switch (l.kind) {
    case 'loopback':
      text = `    link/loopback ${l.mac} brd 00:00:00:00:00:00`;
      break;
    case 'ipip':
      text = '    link/ipip 0.0.0.0 brd 0.0.0.0';
      break;
    // A WireGuard device is layer 3 only: iproute2 prints `link/none` and nothing after it.
    case 'wireguard':
      text = '    link/none ';
      break;
    case 'ether':
    case 'veth':
    case 'bridge':
    case 'vxlan':
    case 'dummy':
      text = `    link/ether ${l.mac} brd ff:ff:ff:ff:ff:ff`;
      break;
    default: {
      const never: never = l.kind;
      return never;
    }
  }
  if (style === 'iproute2' && l.linkNetns) text += 'name' in l.linkNetns ? ` link-netns ${l.linkNetns.name}` : ` link-netnsid ${l.linkNetns.id}`;
  if (details && style === 'iproute2') text += ` promiscuity ${l.kind === 'bridge' || l.master ? 1 : 0} allmulti 0 minmtu ${l.kind === 'loopback' ? 0 : 68} maxmtu ${l.kind === 'ether' ? 9000 : 65535} ${detailLine(l)}`;
  return text;
}

/** The per-kind line `ip -d` adds (a subset of the kernel's attributes). */
function detailLine(l: Link): string {
  // iproute2's bridge_slave line goes on with the port's flags, hairpin first (iplink_bridge_slave.c).
  const slave = l.master ? `\n    bridge_slave state forwarding priority 32 cost 2 hairpin ${l.hairpin ? 'on' : 'off'} guard off root_block off fastleave off learning on flood on ` : '';
  switch (l.kind) {
    case 'vxlan':
      return `\n    vxlan id ${l.vxlan?.id} local ${l.vxlan?.local} dev ${l.vxlan?.dev} srcport 0 0 dstport ${l.vxlan?.dstport} nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx `;
    case 'veth':
      return `\n    veth ${slave}`;
    case 'bridge':
      return '\n    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q ';
    case 'ipip':
      return '\n    ipip any remote any local any ttl inherit nopmtudisc ';
    case 'dummy':
      return '\n    dummy ';
    case 'wireguard':
      return '\n    wireguard ';
    case 'loopback':
    case 'ether':
      return '';
    default: {
      const never: never = l.kind;
      return never;
    }
  }
}

export function addressLines(a: Address): string {
  const brd = a.broadcast ? ` brd ${a.broadcast}` : '';
  const flags = a.flags?.length ? ` ${a.flags.join(' ')}` : '';
  const first = a.family === 'inet'
    ? `    inet ${a.address}/${a.prefix}${brd} scope ${a.scope}${flags} ${a.dev}`
    : `    inet6 ${a.address}/${a.prefix} scope ${a.scope}${flags} `;
  return `${first}\n       valid_lft forever preferred_lft forever\n`;
}

export interface AddrFilter {
  family?: 'inet' | 'inet6';
  dev?: string;
  type?: string;
  master?: string;
  up?: boolean;
}

/** The kind name `ip link show type X` matches. */
export function linkType(l: Link): string {
  return l.kind === 'ether' ? '' : l.kind === 'loopback' ? '' : l.kind;
}

export function selectLinks(ns: Netns, f: AddrFilter): Link[] {
  return ns.links.filter((l) => (!f.dev || l.name === f.dev) && (!f.type || linkType(l) === f.type || (f.type === 'bridge_slave' && !!l.master)) && (!f.master || l.master === f.master) && (!f.up || l.flags.includes('UP')));
}

export function formatAddr(ns: Netns, f: AddrFilter, style: IpStyle): string {
  let out = '';
  for (const l of selectLinks(ns, f)) {
    const addrs = ns.addresses.filter((a) => a.dev === l.name && (!f.family || a.family === f.family));
    if (f.family && !addrs.length) continue;
    out += `${linkHeader(l, 'addr', style)}\n`;
    if (!f.family) out += `${linkLayerLine(l, style, false)}\n`;
    for (const a of addrs) out += addressLines(a);
  }
  return out;
}

export function formatLink(ns: Netns, f: AddrFilter, style: IpStyle, details: boolean): string {
  return selectLinks(ns, f).map((l) => `${linkHeader(l, 'link', style)}\n${linkLayerLine(l, style, details)}\n`).join('');
}

export function formatAddrBrief(ns: Netns, f: AddrFilter): string {
  let out = '';
  for (const l of selectLinks(ns, f)) {
    const addrs = ns.addresses.filter((a) => a.dev === l.name && (!f.family || a.family === f.family));
    if (f.family && !addrs.length) continue;
    out += `${linkLabel(l).padEnd(16)} ${l.state.padEnd(14)} ${addrs.map((a) => `${a.address}/${a.prefix} `).join('')}\n`;
  }
  return out;
}

export function formatLinkBrief(ns: Netns, f: AddrFilter): string {
  return selectLinks(ns, f).map((l) => `${linkLabel(l).padEnd(16)} ${l.state.padEnd(14)} ${l.mac} <${l.flags.join(',')}> \n`).join('');
}

export function formatNeighbour(n: Neighbour): string {
  return `${n.ip} dev ${n.dev}${n.lladdr ? ` lladdr ${n.lladdr}` : ''} ${n.state}\n`;
}
