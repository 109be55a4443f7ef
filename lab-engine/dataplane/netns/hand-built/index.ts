// Learner-made network namespaces and devices on a node (`ip netns add`, `ip link add`...): the
// changes as data, the store that keeps and replays them, and the kernel's rules for each.

export type { HandError, HandOp, LinkChange } from './hand-ops';
export { HandBuiltNetworks, type HandBuiltState } from './hand-built-store';
export { applyHandOp, handNetns, namedKey, netnsOf, HAND_ROUTE_ORIGIN } from './apply-hand-op';
