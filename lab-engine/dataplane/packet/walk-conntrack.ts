// What a finished walk leaves in conntrack: the flow as the first node that saw it (the one that
// NATed it, or the sender's) recorded it, with the DNAT and SNAT it applied, and the TCP states a
// delivered or refused connection went through.

import type { ProbeOutcome } from './types';
import type { WalkState } from './walk-state';

/** The flow as the first node's conntrack saw it. */
export function recordConntrack(w: WalkState, outcome: ProbeOutcome, closed: boolean): void {
  if (w.h.protocol === 'icmp' || w.h.sport === undefined || w.original.dport === undefined) return;
  const node = w.natNode ?? (w.probe.from.kind === 'node' ? w.probe.from.node : w.srcPod?.spec.nodeName);
  if (!node) return;
  const table = w.world.nodes.conntrack(node);
  const orig = { src: w.preSnatSrc ?? w.h.src, dst: w.original.dst, sport: w.h.sport, dport: w.original.dport };
  const dnat = w.h.dst !== w.original.dst || w.h.dport !== w.original.dport ? `${w.h.dst}:${w.h.dport}` : undefined;
  const entry = table.create(w.h.protocol, orig, { ...(dnat ? { dnat } : {}), ...(w.h.src !== orig.src ? { snat: w.h.src } : {}) }, w.world.nowMs, w.mark);
  if (!entry) return;
  if (outcome.kind === 'delivered') table.update(entry, 'reply', w.world.nowMs, w.h.protocol === 'tcp' ? 'syn-ack' : undefined);
  if (outcome.kind === 'delivered' && w.h.protocol === 'tcp') table.update(entry, 'original', w.world.nowMs, 'ack');
  if (outcome.kind === 'delivered' && w.h.protocol === 'tcp' && closed) {
    // FIN from the client, FIN back, the last ACK: the kernel keeps the entry in TIME_WAIT.
    table.update(entry, 'original', w.world.nowMs, 'fin');
    table.update(entry, 'reply', w.world.nowMs, 'fin');
    table.update(entry, 'original', w.world.nowMs, 'ack');
  }
  if (outcome.kind === 'refused' && w.h.protocol === 'tcp') table.update(entry, 'reply', w.world.nowMs, 'rst');
}
