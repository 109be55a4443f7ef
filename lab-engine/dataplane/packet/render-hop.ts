// The words for a packet's hops: one line a learner reads per hop (its summary) and the deciding
// facts under it (the route as `ip route` prints it, the rules as `iptables -S` prints them, the
// policies by name); render-outcome.ts gives the reason a walk ended. The walk records only typed
// decisions (hop-decisions.ts); `trace`, curl's and nslookup's error texts and the grader's
// reasons all render them here, so every edge says the same thing in the same words.

import { NAT_PORT_COUNT } from '../conntrack/snat-ports';
import { formatRoute } from '../netns/format-route';
import type { Route } from '../netns/types';
import { cloudRouteReasons, formatCloudRoute } from './cloud-router';
import { nftablesHopText } from './render-nft-hop';
import type {
  BridgeHopDecision,
  DropHopDecision,
  IpvsHopDecision,
  IpvsPick,
  LinkHopDecision,
  MtuHopDecision,
  NetfilterHopDecision,
  PlacedDecision,
  PolicyHopDecision,
  RouteHopDecision,
  SocketHopDecision,
  VethHopDecision,
  WireHopDecision,
} from './types';

/** What a hop's line says, and the facts printed under it. */
interface HopText {
  summary: string;
  because: string[];
}

/** The one line `trace` prints for a hop. */
export function hopSummary(hop: PlacedDecision): string {
  return hopText(hop).summary;
}

/** The deciding facts `trace` prints under a hop's line. */
export function hopReasons(hop: PlacedDecision): string[] {
  return hopText(hop).because;
}

function hopText(hop: PlacedDecision): HopText {
  switch (hop.kind) {
    case 'route':
      return routeText(hop, hop.netns);
    case 'netfilter':
      return netfilterText(hop);
    case 'ipvs':
      return ipvsText(hop);
    case 'nftables':
      return nftablesHopText(hop);
    case 'policy':
      return policyText(hop);
    case 'veth':
      return vethText(hop);
    case 'bridge':
      return bridgeText(hop);
    case 'link':
      return linkText(hop);
    case 'encap': {
      const how = hop.tunnel === 'vxlan' ? `VXLAN (VNI ${String(hop.vni)}, UDP ${String(hop.port)})` : hop.tunnel === 'wireguard' ? `WireGuard (encrypted, UDP ${String(hop.port)})` : 'IP-in-IP (protocol 4)';
      return { summary: `${hop.dev} wraps the packet in ${how}: outer ${hop.outer.src} → ${hop.outer.dst}, +${hop.overheadBytes} bytes`, because: [`${hop.dev} mtu ${hop.mtu}`] };
    }
    case 'decap':
      return { summary: `${hop.dev} on ${hop.node} ${hop.tunnel === 'wireguard' ? 'decrypts' : 'unwraps'} it; the inner packet continues as if routed locally`, because: [] };
    case 'wire':
      return wireText(hop);
    case 'mtu':
      return mtuText(hop);
    case 'deliver':
      return { summary: socketSummary(hop), because: [] };
    case 'drop':
      return dropText(hop, hop.netns);
    default: {
      const never: never = hop;
      return never;
    }
  }
}

function routeText(d: RouteHopDecision, netns: string): HopText {
  if (d.lookup === 'vpc') return { summary: `VPC route table: ${formatCloudRoute(d.cloudRoute)}`, because: cloudRouteReasons(d.cloudRoute) };
  if (d.result === 'local') return { summary: `${d.dst} is local to ${netns}`, because: [`local ${d.dst} dev ${d.dev} table local`, d.route.origin] };
  return { summary: `route to ${d.dst}: out ${d.dev}${d.via ? ` via ${d.via}` : ''}`, because: [formatRoute(d.route, false).trim(), d.route.origin] };
}

/** `statistic drew …` lines: why kube-proxy's random endpoint pick went the way it did. */
function drawLines(d: NetfilterHopDecision): string[] {
  return (d.draws ?? []).map((x) => `${x.chain} rule ${x.ruleNumber}: statistic drew ${x.drawn.toFixed(4)} against probability ${x.probability} → ${x.taken ? 'taken' : 'next rule'}`);
}

/** The `-m comment --comment` text of a rule as iptables-save prints it, quoted or not. */
function commentOf(spec: string | undefined): string | undefined {
  const m = spec && /--comment (?:"((?:[^"\\]|\\.)*)"|(\S+))/.exec(spec);
  return m ? (m[1] ?? m[2]) : undefined;
}

function netfilterText(d: NetfilterHopDecision): HopText {
  if (d.error !== undefined) return { summary: `${d.table} ${d.chain}: ${d.error}`, because: [] };
  const specs = d.matched.map((m) => m.spec);
  const path = [...new Set(d.matched.map((m) => m.chain))].join(' → ');
  const head = `${d.table} ${d.chain}`;
  if (d.conntrack) return knownFlowText(d, head, d.conntrack.entry);
  switch (d.verdict) {
    case 'DNAT': {
      const from = d.dnat ? endpoint(d.dnat.from) : '';
      const to = d.dnat ? endpoint(d.dnat.to) : '';
      return { summary: `${head}: ${path}: DNAT ${from} → ${to}`, because: [...specs, ...drawLines(d), `the kernel compared this new connection with ${String(d.rulesEvaluated)} rules to get here`] };
    }
    case 'MASQUERADE': {
      const why = d.masquerade?.hairpin ? 'KUBE-LOOP-BACK: a pod reached itself through its Service, hairpin' : (d.masquerade?.cniReason ?? "kube-proxy's KUBE-MARK-MASQ marked the packet 0x4000");
      return { summary: `${head}: ${path}: MASQUERADE (${why}): the source becomes this node's outgoing address`, because: [...specs, ...drawLines(d)] };
    }
    case 'NOTRACK':
      return { summary: `${head}: NOTRACK: no conntrack entry for this packet, so no NAT on this node`, because: specs };
    case 'MARK':
      return { summary: `${head}: ${path}: mark 0x${(d.mark ?? 0).toString(16)}`, because: [...specs, ...drawLines(d)] };
    case 'REJECT': {
      const why = d.reject?.because === 'no-virtual-server' ? 'KUBE-IPVS-FILTER refuses a new connection to an address on kube-ipvs0 that no IPVS virtual server takes' : 'kube-proxy rejects connections to a Service with no ready endpoints';
      return { summary: `${head}: REJECT (${String(d.reject?.with)}): ${why}`, because: specs };
    }
    case 'DROP': {
      // The dropping rule's own comment says why (kube-proxy's "ns/svc:port has no local endpoints"); a chain policy has none.
      const why = d.policyDrop ? undefined : commentOf(d.matched.at(-1)?.spec);
      return { summary: `${head}: ${d.matched.length > 0 ? `${path}: ` : ''}${d.policyDrop ? 'policy DROP' : 'DROP'}${why ? ` ("${why}")` : ''}`, because: specs };
    }
    default: {
      const never: never = d.verdict;
      return never;
    }
  }
}

/** A later packet of a flow conntrack holds: its first packet's NAT, no rule walked. */
function knownFlowText(d: NetfilterHopDecision, head: string, entry: string): HopText {
  const what = d.verdict === 'DNAT' && d.dnat ? `DNAT ${endpoint(d.dnat.from)} → ${endpoint(d.dnat.to)}` : `source → ${String(d.masquerade?.toSource)}`;
  return { summary: `${head}: conntrack: a packet of a known flow gets its first packet's NAT, ${what}; no nat rule is consulted`, because: [entry] };
}

function endpoint(e: { ip: string; port?: number }): string {
  return `${e.ip}${e.port !== undefined ? `:${e.port}` : ''}`;
}

function ipvsText(d: IpvsHopDecision): HopText {
  const vs = d.virtualServer;
  const service = `-A -t ${vs.address}:${vs.port} -s ${vs.scheduler}`;
  const rs = d.realServer;
  if (!rs || !d.pick) return { summary: `IPVS on ${d.node}: virtual server ${vs.address}:${vs.port} (${vs.servicePortName}) has no real servers; nothing listens on the VIP itself`, because: [service] };
  return {
    summary: `IPVS on ${d.node}: ${vs.protocol} ${vs.address}:${vs.port} (${vs.servicePortName} ${vs.serviceKind}) → ${rs.address}:${rs.port}; ${pickReason(d.pick)}`,
    because: [service, `-a -t ${vs.address}:${vs.port} -r ${rs.address}:${rs.port} -m -w ${rs.weight}`, 'the kernel found the virtual server with one hash-table lookup, however many Services there are'],
  };
}

function pickReason(pick: IpvsPick): string {
  switch (pick.scheduler) {
    case 'rr':
      return `rr: next in turn (${pick.index + 1} of ${pick.of})`;
    case 'lc':
      return `lc: fewest active connections (${pick.activeConns})`;
    case 'sh':
      return `sh: source ${pick.source} hashes to bucket ${pick.bucket}`;
    default: {
      const never: never = pick;
      return never;
    }
  }
}

function policyText(d: PolicyHopDecision): HopText {
  const v = d.verdict;
  const who = `${d.pod.namespace}/${d.pod.name}`;
  const names = v.selectedBy.map((p) => `${p.namespace}/${p.name}`).join(', ');
  const toOrFrom = d.direction === 'egress' ? 'to' : 'from';
  const because = [`${d.direction} of ${who} is isolated by: ${names}`];
  if (v.allowedBy) because.push(`rule ${d.direction}[${v.allowedBy.ruleIndex}] of ${v.allowedBy.policy.namespace}/${v.allowedBy.policy.name} allows ${d.protocol}/${d.port} ${toOrFrom} ${d.peer}`);
  else for (const r of v.rules) because.push(`${r.policy.namespace}/${r.policy.name} ${d.direction}[${r.ruleIndex}]: ${r.peerMatched ? 'peer matches' : 'peer does not match'}, ${r.portMatched ? 'port matches' : 'port does not match'}`);
  // How the node enforces it: the agent's rules the packet met, the deciding one last.
  for (const r of (d.agentRules ?? []).slice(-3)) because.push(r.spec);
  if (!d.enforced) return { summary: `NetworkPolicy would deny ${d.direction} of ${who}, but ${d.cni} does not enforce NetworkPolicy: the packet passes`, because: [...because, `reason: ${v.reason}`] };
  if (v.allowed) return { summary: `${d.cni}: ${d.direction} policy of ${who} allows it (${String(v.allowedBy?.policy.name)})`, because };
  return { summary: `${d.cni}: ${d.direction} of ${who} denied: no NetworkPolicy rule allows ${d.protocol}/${d.port} ${toOrFrom} ${d.peer} (${names})`, because: [...because, `reason: ${v.reason}`] };
}

function vethText(d: VethHopDecision): HopText {
  const pair = [`${d.dev}@if${d.peer.ifindex} ⇄ ${d.peer.dev}@if${d.ifindex}`];
  if (d.into === 'node') return { summary: `${d.dev} → ${d.peer.dev} on ${String(d.node)}: the veth pair carries the packet into the node's root netns`, because: pair };
  const pod = d.pod ? `${d.pod.namespace}/${d.pod.name}` : d.peer.netns;
  return { summary: `${d.dev} → ${d.peer.dev} of ${pod}: into the pod's netns`, because: pair };
}

function bridgeText(d: BridgeHopDecision): HopText {
  const because = [`${d.port} master ${d.bridge}`];
  switch (d.action) {
    case 'to-port':
      if (d.hairpin && d.promiscuous) return { summary: `${d.bridge} is promiscuous: the frame for ${d.port}, the port it came in by, goes up to the node's stack, which routes it back out ${d.bridge}; hairpin_mode is off, yet the pod reaches itself`, because: [...because, `${d.bridge} PROMISC (kubelet's --hairpin-mode=promiscuous-bridge)`] };
      if (d.hairpin) return { summary: `${d.bridge} sends the frame back out ${d.port}, the port it came in by: hairpin_mode is on (the bridge plugin's hairpinMode), so the pod reaches itself`, because: [...because, `${d.port} hairpin on`] };
      return { summary: `${d.bridge} forwards the frame to ${d.port} (its FDB learned the pod's MAC there)`, because };
    case 'switch':
      return {
        summary: `${d.bridge} switches the frame from ${String(d.inPort)} to ${d.port} at L2: its FDB learned ${String(d.mac)} on ${d.port}; no routing, the TTL is unchanged`,
        because: [`${String(d.inPort)} master ${d.bridge}`, `${d.port} master ${d.bridge}`, `bridge fdb: ${String(d.mac)} dev ${d.port} master ${d.bridge}`, 'br_netfilter (net.bridge.bridge-nf-call-iptables=1): the bridged frame still passes iptables PREROUTING, FORWARD and POSTROUTING'],
      };
    case 'to-host':
      return {
        summary: d.gateway
          ? `${d.port} is a port of ${d.bridge}; the frame is addressed to the gateway ${d.gateway}, the bridge's own address, so ${d.bridge} passes it up to the node's IP stack`
          : `${d.port} is a port of ${d.bridge}; the frame is addressed to ${d.bridge}'s own MAC, so ${d.bridge} passes it up to the node's IP stack`,
        because,
      };
    default: {
      const never: never = d.action;
      return never;
    }
  }
}

function wireText(d: WireHopDecision): HopText {
  switch (d.path) {
    case 'external-to-node':
      return { summary: `${d.from} → ${d.toNode} (${d.ip}) over the node network`, because: [`${d.ip} is ${d.toNode}'s InternalIP`] };
    case 'load-balancer':
      return {
        summary: `load balancer ${d.ip} (${d.service.namespace}/${d.service.name}) forwards to ${d.toNode}, keeping the destination address`,
        because: [d.externalTrafficPolicy === 'Local' ? 'externalTrafficPolicy: Local: only nodes with a ready endpoint pass the health check (healthCheckNodePort)' : 'externalTrafficPolicy: Cluster: every node is a healthy target'],
      };
    case 'tunnel':
      return { summary: `eth0 carries the outer packet to ${d.toNode} (${d.ip}) over the node network`, because: [] };
    case 'node-to-node':
      return { summary: `eth0 → ${d.toNode} (${d.ip}) over the node network`, because: [] };
    case 'to-external':
      if (d.host === 'cloud-metadata') {
        return { summary: `eth0 → the cloud's instance metadata service (${d.ip}), which answers on every node's link`, because: ['it serves whoever sends from the node\'s address: the instance itself, or a pod masqueraded to it'] };
      }
      return { summary: `eth0 → the ${d.host} (${d.ip}) on the node network`, because: [] };
    case 'to-vpc-router':
      return { summary: `eth0 → the VPC router (${d.ip}), the default gateway`, because: [] };
    case 'vpc-to-node':
      return { summary: `the VPC delivers it to ${d.toNode} (${d.ip}) as it is: no tunnel, no NAT`, because: [] };
    default: {
      const never: never = d;
      return never;
    }
  }
}

function mtuText(d: MtuHopDecision): HopText {
  const dev = String(d.dev);
  if (d.interconnect) {
    const between = `the interconnect between ${d.interconnect.fromNode} and ${d.interconnect.toNode} (mtu ${d.mtu})`;
    if (d.action === 'fragmented') return { summary: `${d.sizeBytes}-byte packet exceeds ${between}: DF is clear, so it is fragmented into ${String(d.fragments)} pieces`, because: [] };
    const icmp = d.icmpFiltered ? 'dropped by a firewall on the way back: the sender never learns, and the packet is lost' : `sent back to the sender, which lowers its path MTU`;
    return { summary: `${d.sizeBytes}-byte packet with DF set exceeds ${between}: its ICMP "fragmentation needed, next-hop MTU ${d.mtu}" is ${icmp}`, because: [] };
  }
  if (d.action === 'frag-needed') return { summary: `${d.sizeBytes}-byte packet with DF set exceeds ${dev}'s MTU ${d.mtu}: ICMP "fragmentation needed, next-hop MTU ${d.mtu}"`, because: [] };
  return { summary: `${d.sizeBytes}-byte packet exceeds ${dev}'s MTU ${d.mtu}: fragmented into ${String(d.fragments)} pieces`, because: [] };
}

function socketSummary(d: SocketHopDecision): string {
  const answer = `the kernel answers ${d.protocol === 'tcp' ? 'with a TCP RST' : 'ICMP port unreachable'}`;
  const port = `${d.protocol}/${String(d.port)}`;
  if (d.host.kind === 'pod') {
    const key = `${d.host.namespace}/${d.host.name}`;
    switch (d.result) {
      case 'echo-reply':
        return `${key}'s kernel answers the echo request from ${d.peer}`;
      case 'refused':
        return `${d.phase !== undefined ? `${key} is ${d.phase}: no process runs there` : `nothing in ${key} listens on ${port}`}; ${answer}`;
      case 'accepted':
        return `${key} accepts ${port} from ${d.peer}`;
    }
  }
  const node = d.host.node;
  switch (d.result) {
    case 'echo-reply':
      return `${node}'s kernel answers the echo request (${d.ip} is one of its addresses)`;
    case 'refused':
      return `nothing on ${node} listens on ${port}; ${answer}`;
    case 'accepted':
      return `${String(d.process)} on ${node} accepts ${port}`;
  }
}

/** `netns/node-1/red` → `netns red (node-1)`; other ids as they are. */
export function netnsLabel(id: string): string {
  const m = /^netns\/([^/]+)\/(.+)$/.exec(id);
  return m ? `netns ${m[2]} (${m[1]})` : id;
}

function linkDownText(dev: string, which: 'own' | 'no-carrier' | 'bridge'): string {
  switch (which) {
    case 'own':
      return `${dev} is down: nothing leaves by it`;
    case 'no-carrier':
      return `${dev} is up but has no carrier (NO-CARRIER): its other end is down`;
    case 'bridge':
      return `the frame enters a port of ${dev}, which is down: the bridge drops it`;
    default: {
      const never: never = which;
      return never;
    }
  }
}

function linkText(d: LinkHopDecision): HopText {
  const across = d.bridge ? ` across bridge ${d.bridge}` : '';
  return { summary: `out ${d.dev}${across} to ${d.peer.dev} in ${netnsLabel(d.peer.netns)}, which answered ARP for ${d.nextHop}`, because: [] };
}

/** `ip route get`'s explanation of a unicast route, as the FIB lookup gives it. */
function routeWhy(route: Route): string {
  return `${route.dst} ${route.via ? `via ${route.via} ` : ''}dev ${String(route.dev)}: ${route.origin}`;
}

function dropText(d: DropHopDecision, netns: string): HopText {
  switch (d.drop) {
    case 'no-route':
      return { summary: `no usable route to ${d.dst}: ${d.error}`, because: [d.failure === 'blackhole' && d.route ? `blackhole ${d.route.dst}: ${d.route.origin}` : `no route in ${netns} matches ${d.dst}`] };
    case 'private-node-address':
      return { summary: `${d.dst} is a private node address (172.18.0.0/16): the internet has no route to it`, because: [] };
    case 'no-healthy-node':
      return { summary: `the load balancer for ${d.service.namespace}/${d.service.name} has no healthy node to send to`, because: [] };
    case 'outside-only':
      return { summary: `${d.dst} is not reachable from outside the cluster: only node IPs and load-balancer IPs are`, because: [] };
    case 'no-bridge-port':
      return { summary: `${d.bridge} has no port leading to ${d.dst}: no pod holds that address on ${d.node}`, because: [] };
    case 'hairpin-off':
      return {
        summary: `${d.bridge} will not send a frame back out ${d.port}, the port it came in by: hairpin_mode is off`,
        because: [`${d.port} master ${d.bridge} hairpin off (bridge -d link show dev ${d.port})`, `${d.dst} is the sender itself: kube-proxy picked the calling pod as the Service's endpoint`],
      };
    case 'ports-isolated':
      return {
        summary: `${d.bridge} will not forward from ${d.inPort} to ${d.port}: both ports are isolated, so the ARP request for ${d.dst} is never answered`,
        because: [`${d.inPort} and ${d.port} master ${d.bridge} isolated on (bridge -d link show)`],
      };
    case 'nobody-answers':
      return { summary: `sent to ${d.nextHop} through eth0; nothing on the node network answers for ${d.dst}, so the packet is lost`, because: [routeWhy(d.route)] };
    case 'snat-ports-exhausted':
      return {
        summary: `masquerade on ${d.node} finds no free source port from ${d.snatIp} to ${d.dst}:${d.dport}/${d.protocol}: ${d.inUse} of ${NAT_PORT_COUNT} taken; conntrack cannot insert the flow (insert_failed) and the SYN is dropped`,
        because: [`a ${d.protocol} tuple (${d.snatIp}, port, ${d.dst}, ${d.dport}) must be unique; closed connections keep theirs in TIME_WAIT`],
      };
    case 'conntrack-table-full':
      return { summary: `conntrack: the table is full (${d.count} of nf_conntrack_max ${d.max}): a new flow's first packet is dropped`, because: ['nf_conntrack_in could not allocate an entry; the kernel logs "nf_conntrack: table full, dropping packet"', 'packets of flows already in the table pass'] };
    case 'no-cloud-route':
      return { summary: `VPC route table: no route for ${d.dst}; only the default route to the internet gateway matches, which drops private destinations`, because: ["kube-controller-manager's route controller creates one route per node's spec.podCIDR; the node that owns this address has none (kubectl describe node: NetworkUnavailable)"] };
    case 'cloud-route-to-sender':
      return { summary: `VPC route table: ${formatCloudRoute(d.cloudRoute)}: back to the sender, which has no bridge for it yet; the packet is lost`, because: cloudRouteReasons(d.cloudRoute) };
    case 'forwarding-off':
      return { summary: `${netnsLabel(netns)} would have to route ${d.dst} on, but net.ipv4.ip_forward is 0 there: dropped without an ICMP error`, because: ['sysctl net.ipv4.ip_forward = 0'] };
    case 'link-down':
      return { summary: linkDownText(d.dev, d.which), because: [`ip link show ${d.dev}`] };
    case 'no-neighbour':
      return { summary: `nobody on ${d.dev} answers ARP for ${d.nextHop}: the neighbour entry fails (Destination Host Unreachable)`, because: [`no netns reached through ${d.dev} holds ${d.nextHop}`] };
    default: {
      const never: never = d;
      return never;
    }
  }
}
