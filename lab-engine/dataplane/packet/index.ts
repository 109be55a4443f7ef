// The packet engine's public face: send one probe through the dataplane and get its trace.
//
//   sendProbe(world, probe)  → outcome + every hop with its typed decision (walk.ts, hop-decisions.ts)
//   hopSummary / hopReasons / outcomeReason → the words for them (render-hop.ts, render-outcome.ts)
//   packetTrace(probe, result) → the walk as plain JSON for a picture (packet-trace.ts)
//   NodeRuntimes             → per node: kube-proxy's tables, IPVS, conntrack (node-runtime.ts)
//   PacketWorld              → what a walk reads (world.ts)

export { sendProbe } from './walk';
export { hopReasons, hopSummary } from './render-hop';
export { causeReason, outcomeReason } from './render-outcome';
export { boundPacketTrace, packetTrace, TRACE_LIMITS, type PacketTrace } from './packet-trace';
export { NodeRuntimes, type ProxyMode } from './node-runtime';
export { EXTERNAL_HOSTS, type PacketWorld } from './world';
export type * from './types';
export { Network } from './network';
