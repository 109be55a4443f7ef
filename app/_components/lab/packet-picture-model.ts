// The packet picture as data: a failed reachability check's walk (PacketTrace) turned into the
// boxes the lab panel draws, one per hop, each saying where it happened (netns, node, devices,
// hook) and what was decided there, with the deciding hop and every rewrite marked. Built from the
// hops' typed fields, never from `trace` text, so the picture and the terminal cannot drift apart
// in wording without a type error. Pure, so a unit test can pin names and order.

import type { PacketTrace } from '../../../lab-engine/protocol';

type Hop = PacketTrace['hops'][number];

/** How a hop stands out: the one that ended the walk (and how), one that rewrote the packet, or none. */
export type HopEmphasis = 'dropped' | 'refused' | 'delivered' | 'rewritten' | 'plain';

export interface PictureDetail {
  label: string;
  value: string;
}

export interface PictureHop {
  index: number;
  kind: Hop['kind'];
  /** Where: `pod production/frontend`, `node kind-worker`, `VPC router`... */
  place: string;
  /** The mechanism that decided: `nat PREROUTING`, `NetworkPolicy ingress`, `route (FIB)`... */
  hook: string;
  /** What it decided, in a few words. */
  decision: string;
  /** The rule (iptables spec, policy rule, route) that decided, when one did. */
  rule?: string;
  emphasis: HopEmphasis;
  details: PictureDetail[];
}

export interface PacketPicture {
  /** `pod default/client → 10.96.0.10 tcp/80`. */
  probe: string;
  /** `dropped`, `refused (reject-rule)`... */
  outcome: string;
  hops: PictureHop[];
  truncated: boolean;
}

export function packetPicture(trace: PacketTrace): PacketPicture {
  const ending = endingEmphasis(trace.outcome.kind);
  const hops = trace.hops.map((hop, index): PictureHop => {
    const drawn = drawHop(hop);
    const emphasis = index === trace.decidedAt ? ending : drawn.rewrites ? 'rewritten' : 'plain';
    return { index, kind: hop.kind, place: placeOf(hop.netns), hook: drawn.hook, decision: drawn.decision, ...(drawn.rule ? { rule: drawn.rule } : {}), emphasis, details: [...placeDetails(hop), ...headerDetails(hop), ...drawn.details] };
  });
  return { probe: probeText(trace), outcome: outcomeText(trace), hops, truncated: trace.truncated === true };
}

function endingEmphasis(kind: PacketTrace['outcome']['kind']): HopEmphasis {
  switch (kind) {
    case 'delivered':
      return 'delivered';
    case 'refused':
      return 'refused';
    case 'dropped':
    case 'unreachable':
      return 'dropped';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** `node/<n>`, `pod/<ns>/<n>`, `external/<host>`, `cloud/vpc-router` as words. */
export function placeOf(netns: string): string {
  const [kind, ...rest] = netns.split('/');
  if (kind === 'pod') return `pod ${rest.join('/')}`;
  if (kind === 'node') return `node ${rest.join('/')}`;
  if (kind === 'external') return rest.join('/');
  if (kind === 'cloud') return 'VPC router';
  return netns;
}

function placeDetails(hop: Hop): PictureDetail[] {
  const out: PictureDetail[] = [{ label: 'netns', value: hop.netns }];
  if (hop.node) out.push({ label: 'node', value: hop.node });
  if (hop.devIn) out.push({ label: 'in by', value: hop.devIn });
  if (hop.devOut) out.push({ label: 'out by', value: hop.devOut });
  return out;
}

function headerDetails(hop: Hop): PictureDetail[] {
  const h = hop.headers;
  if (!h) return [];
  const port = (p?: number) => (p === undefined ? '' : `:${p}`);
  const out = [{ label: 'packet', value: `${h.src}${port(h.sport)} → ${h.dst}${port(h.dport)} ${h.protocol}` }];
  if (h.outer) out.push({ label: 'outer', value: `${h.outer.kind} ${h.outer.src} → ${h.outer.dst}` });
  return out;
}

interface Drawn {
  hook: string;
  decision: string;
  rule?: string;
  rewrites?: boolean;
  details: PictureDetail[];
}

const addr = (a: { ip: string; port?: number }) => (a.port === undefined ? a.ip : `${a.ip}:${a.port}`);
const named = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

function drawHop(hop: Hop): Drawn {
  switch (hop.kind) {
    case 'route':
      if (hop.lookup === 'vpc') return { hook: 'route (VPC table)', decision: `${hop.dst} via ${hop.cloudRoute.nextHopIp}`, rule: `${hop.cloudRoute.destRange} → ${hop.cloudRoute.nextHopIp}`, details: [{ label: 'route for node', value: hop.cloudRoute.node }] };
      return {
        hook: 'route (FIB)',
        decision: hop.result === 'local' ? `${hop.dst} is local` : `${hop.dst} out ${hop.dev}${hop.via ? ` via ${hop.via}` : ''}`,
        rule: `${hop.route.dst}${hop.route.via ? ` via ${hop.route.via}` : ''}${hop.route.dev ? ` dev ${hop.route.dev}` : ''}`,
        details: [{ label: 'route from', value: hop.route.origin }],
      };
    case 'netfilter': {
      const last = hop.matched.at(-1);
      const details: PictureDetail[] = hop.matched.map((m) => ({ label: `${m.chain} #${m.ruleNumber}`, value: m.spec }));
      if (hop.service) details.push({ label: 'service', value: `${named(hop.service)}:${hop.service.port}` });
      if (hop.rulesEvaluated !== undefined) details.push({ label: 'rules compared', value: String(hop.rulesEvaluated) });
      if (hop.error) details.push({ label: 'error', value: hop.error });
      let decision: string = hop.verdict;
      if (hop.dnat) decision = `DNAT ${addr(hop.dnat.from)} → ${addr(hop.dnat.to)}`;
      else if (hop.masquerade) decision = `MASQUERADE${hop.masquerade.toSource ? ` to ${hop.masquerade.toSource}` : ''}`;
      else if (hop.reject) decision = `REJECT (${hop.reject.because})`;
      else if (hop.policyDrop) decision = 'DROP (chain policy)';
      return { hook: `${hop.table} ${hop.chain}`, decision, ...(last ? { rule: last.spec } : {}), rewrites: hop.dnat !== undefined || hop.masquerade !== undefined, details };
    }
    case 'nftables': {
      const last = hop.matched.at(-1);
      let decision: string = hop.verdict;
      if (hop.dnat) decision = `DNAT ${addr(hop.dnat.from)} → ${addr(hop.dnat.to)}`;
      else if (hop.masquerade) decision = `masquerade${hop.masquerade.toSource ? ` to ${hop.masquerade.toSource}` : ''}`;
      else if (hop.reject) decision = `reject (${hop.reject.because})`;
      const details: PictureDetail[] = hop.lookups.map((l) => ({ label: `@${l.map}`, value: l.key }));
      if (hop.service) details.push({ label: 'service', value: `${named(hop.service)}:${hop.service.port}` });
      return { hook: `nft ip kube-proxy ${hop.chain}`, decision, ...(last ? { rule: `${last.chain}: ${last.rule}` } : {}), rewrites: hop.dnat !== undefined || hop.masquerade !== undefined, details };
    }
    case 'ipvs': {
      const vs = hop.virtualServer;
      const decision = hop.realServer ? `${vs.address}:${vs.port} → ${hop.realServer.address}:${hop.realServer.port}` : `no real server for ${vs.address}:${vs.port}`;
      return { hook: 'IPVS', decision, rule: `${vs.protocol} ${vs.address}:${vs.port} ${vs.scheduler} (${vs.servicePortName})`, rewrites: hop.realServer !== undefined, details: [{ label: 'node', value: hop.node }] };
    }
    case 'policy': {
      const v = hop.verdict;
      const allowed = v.allowed || !hop.enforced;
      const rule = v.allowedBy ? `${named(v.allowedBy.policy)} ${hop.direction}[${v.allowedBy.ruleIndex}]` : v.selectedBy.length > 0 ? `selected by ${v.selectedBy.map(named).join(', ')}; no rule allows` : undefined;
      const details: PictureDetail[] = [
        { label: 'pod', value: named(hop.pod) },
        { label: 'peer', value: `${hop.peer} ${hop.protocol}/${hop.port}` },
        { label: 'reason', value: v.reason },
        { label: 'CNI', value: `${hop.cni}${hop.enforced ? '' : ' (does not enforce NetworkPolicy)'}` },
      ];
      return { hook: `NetworkPolicy ${hop.direction}`, decision: allowed ? 'allowed' : 'denied', ...(rule ? { rule } : {}), details };
    }
    case 'veth':
      return { hook: 'veth', decision: `${hop.dev} → ${hop.peer.dev} (into ${hop.into})`, details: [{ label: 'peer netns', value: hop.peer.netns }] };
    case 'bridge':
      return { hook: `bridge ${hop.bridge}`, decision: hop.action === 'to-host' ? `port ${hop.port} up to the host` : `forwarded to port ${hop.port}`, details: hop.gateway ? [{ label: 'gateway', value: hop.gateway }] : [] };
    case 'link':
      return { hook: hop.bridge ? `bridge ${hop.bridge}` : 'link', decision: `${hop.dev} → ${hop.peer.dev} (${netnsName(hop.peer.netns)})`, details: [{ label: 'ARP answered for', value: hop.nextHop }] };
    case 'encap':
      return { hook: `${hop.tunnel} encap`, decision: `${hop.dev}: outer ${hop.outer.src} → ${hop.outer.dst}`, details: [{ label: 'overhead', value: `${hop.overheadBytes} bytes (mtu ${hop.mtu})` }] };
    case 'decap':
      return { hook: `${hop.tunnel} decap`, decision: `${hop.dev} on ${hop.node}`, details: [] };
    case 'wire':
      return { hook: 'wire', decision: wireText(hop), details: [] };
    case 'mtu':
      return { hook: 'MTU', decision: hop.action === 'frag-needed' ? `${hop.sizeBytes} > mtu ${hop.mtu}: fragmentation needed` : `fragmented into ${hop.fragments ?? '?'}`, details: hop.dev ? [{ label: 'device', value: hop.dev }] : [] };
    case 'deliver': {
      const host = hop.host.kind === 'pod' ? `pod ${named(hop.host)}` : `node ${hop.host.node}`;
      const port = hop.port ? `${hop.protocol}/${hop.port}` : hop.protocol;
      return { hook: 'socket', decision: `${hop.result} at ${host} ${port}`, details: [{ label: 'seen from', value: hop.peer }, ...(hop.process ? [{ label: 'process', value: hop.process }] : []), ...(hop.phase ? [{ label: 'phase', value: hop.phase }] : [])] };
    }
    case 'drop':
      return { hook: 'drop', decision: `dropped: ${hop.drop}`, ...('route' in hop && hop.route ? { rule: `${hop.route.type} ${hop.route.dst}` } : {}), details: 'dst' in hop ? [{ label: 'destination', value: hop.dst }] : [] };
    default: {
      const never: never = hop;
      return never;
    }
  }
}

/** A learner-made netns as the trace names it (`netns/node-1/blue`) drawn as `netns blue`; the node's own root netns keeps its id. */
function netnsName(id: string): string {
  const name = /^netns\/[^/]+\/(.+)$/.exec(id)?.[1];
  return name ? `netns ${name}` : id;
}

function wireText(hop: Extract<Hop, { kind: 'wire' }>): string {
  switch (hop.path) {
    case 'external-to-node':
      return `${hop.from} → ${hop.toNode} (${hop.ip})`;
    case 'load-balancer':
      return `load balancer ${hop.ip} → ${hop.toNode}`;
    case 'tunnel':
    case 'node-to-node':
    case 'vpc-to-node':
      return `→ ${hop.toNode} (${hop.ip})`;
    case 'to-external':
      return `→ ${hop.host} (${hop.ip})`;
    case 'to-vpc-router':
      return `→ VPC router (${hop.ip})`;
    default: {
      const never: never = hop;
      return never;
    }
  }
}

function probeText(trace: PacketTrace): string {
  const p = trace.probe;
  const from = p.from.kind === 'pod' ? `pod ${p.from.namespace}/${p.from.name}` : p.from.kind === 'node' ? `node ${p.from.node}` : p.from.kind === 'netns' ? `netns ${p.from.name} on ${p.from.node}` : p.from.host;
  return `${from} → ${p.dst} ${p.protocol}${p.dport !== undefined ? `/${p.dport}` : ''}`;
}

function outcomeText(trace: PacketTrace): string {
  const o = trace.outcome;
  switch (o.kind) {
    case 'delivered':
      return 'delivered';
    case 'refused':
      return `refused (${o.by})`;
    case 'dropped':
      return o.cause.kind === 'walk' ? `dropped before any hop (${o.cause.failure})` : 'dropped';
    case 'unreachable':
      return `unreachable${o.icmp ? ` (${o.icmp})` : ''}`;
    default: {
      const never: never = o;
      return never;
    }
  }
}
