// What a reachability check's `encrypted: true` demands of the packet's walk: it crossed from one
// node to another at least once, and every such crossing carried it inside WireGuard (the hop's
// outer header is a WireGuard one). Read from the walk's typed hops, never from printed text. A
// packet that never left its node proves nothing about the wire, so it fails too.

import type { Hop, ProbeResult } from '../../dataplane/packet/types';

export type WireEncryption =
  | { kind: 'encrypted'; crossings: number }
  /** No hop crossed between two nodes: both ends share a node. */
  | { kind: 'never-crossed' }
  /** A crossing between nodes carried the packet readable: plain, or in a tunnel that does not encrypt. */
  | { kind: 'plaintext'; toNode: string; ip: string; carriedAs: 'plain' | 'ipip' | 'vxlan' };

/** The walk's crossings of the node network (pod traffic between nodes, tunnelled or routed). */
function crossings(hops: readonly Hop[]): Extract<Hop, { kind: 'wire' }>[] {
  return hops.filter((h): h is Extract<Hop, { kind: 'wire' }> => h.kind === 'wire' && (h.path === 'tunnel' || h.path === 'node-to-node' || h.path === 'vpc-to-node'));
}

export function wireEncryption(result: ProbeResult): WireEncryption {
  const wires = crossings(result.hops);
  if (wires.length === 0) return { kind: 'never-crossed' };
  for (const w of wires) {
    const outer = w.headers.outer?.kind;
    if (outer === 'wireguard') continue;
    const toNode = 'toNode' in w ? w.toNode : '';
    return { kind: 'plaintext', toNode, ip: w.ip, carriedAs: outer ?? 'plain' };
  }
  return { kind: 'encrypted', crossings: wires.length };
}

/** The finding in the learner's terms, for the feedback. */
export function wireEncryptionText(e: Exclude<WireEncryption, { kind: 'encrypted' }>): string {
  switch (e.kind) {
    case 'never-crossed':
      return 'the packet never left its node, so nothing crossed the wire between nodes';
    case 'plaintext':
      return `on its way to ${e.toNode} (${e.ip}) it crossed the node network ${e.carriedAs === 'plain' ? 'as a plain IP packet' : e.carriedAs === 'ipip' ? 'in IP-in-IP, which wraps but does not encrypt' : 'in VXLAN, which wraps but does not encrypt'}: a capture on eth0 reads the pod's traffic`;
    default: {
      const never: never = e;
      return never;
    }
  }
}
