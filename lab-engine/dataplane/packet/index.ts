// The packet engine's public face: send one probe through the dataplane and get its trace.
//
//   sendProbe(world, probe)  → outcome + every hop with its reasons (walk.ts)
//   NodeRuntimes             → per node: kube-proxy's tables, IPVS, conntrack (node-runtime.ts)
//   PacketWorld              → what a walk reads (world.ts)

export { sendProbe } from './walk';
export { NodeRuntimes, type ProxyMode } from './node-runtime';
export { EXTERNAL_HOSTS, type PacketWorld } from './world';
export type * from './types';
export { Network } from './network';
