// What a learner can change by hand in a node's network, as plain data: `ip netns add/del`,
// `ip link add … type veth|bridge`, `ip link del`, `ip link set … up|down|mtu|master|nomaster|netns`,
// `ip addr add/del`, `ip route add/del` and net.ipv4.ip_forward of a named netns. The shell's `ip`
// parses the words into one of these; the store keeps the list per node (and in the snapshot) and
// replays it on every dataplane rebuild (apply-hand-op.ts), so the CNI's own devices and the
// learner's live side by side in the model the packet walk reads.
// `ns` names where the change is made: '' is the node's root netns, any other value a netns made
// with `ip netns add` (the shell was in it through `ip netns exec NAME` or used `ip -n NAME`).

export type HandOp =
  | { op: 'netns-add'; name: string; /** ip_forward it inherits from the node when made (devconf_inherit_init_net = 0). */ forwarding: boolean }
  | { op: 'netns-del'; name: string }
  | { op: 'link-add'; ns: string; name: string; type: 'bridge' }
  /** Without a peer name the kernel names the other end `veth<N>`, the first free N. */
  | { op: 'link-add'; ns: string; name: string; type: 'veth'; peer?: string }
  | { op: 'link-del'; ns: string; name: string }
  | { op: 'link-set'; ns: string; name: string; change: LinkChange }
  | { op: 'addr-add'; ns: string; dev: string; address: string; prefix: number; broadcast?: string }
  /** Without a prefix (`ip addr del 10.0.0.1 dev x`) the first address with that IP goes, as iproute2's wildcard deletion. */
  | { op: 'addr-del'; ns: string; dev: string; address: string; prefix?: number }
  | { op: 'route-add' | 'route-del' | 'route-replace'; ns: string; dst: string; via?: string; dev?: string }
  | { op: 'forwarding'; ns: string; value: boolean };

/** One `ip link set` word and its value (iproute2 applies them in one request; here in order). */
export type LinkChange =
  | { kind: 'up' }
  | { kind: 'down' }
  | { kind: 'mtu'; mtu: number }
  | { kind: 'master'; master: string }
  | { kind: 'nomaster' }
  /** `netns NAME`, or `netns 1` (PID 1's netns: the node's root). */
  | { kind: 'netns'; to: string };

/** Why the kernel (or iproute2 before it) refused a change; the shell's `ip` words each as iproute2 does. */
export type HandError =
  | { error: 'netns-exists'; name: string }
  | { error: 'netns-missing'; name: string }
  | { error: 'exists' }
  | { error: 'no-device'; dev: string }
  | { error: 'no-master'; dev: string }
  | { error: 'not-supported' }
  /** A device (or netns) a CNI made: it rebuilds them, so a hand change would not last; the simulator refuses it. */
  | { error: 'cni-owned'; dev: string }
  | { error: 'no-such-route' }
  | { error: 'no-such-address' }
  | { error: 'gateway-invalid' }
  | { error: 'device-down' }
  | { error: 'mtu-too-big' }
  | { error: 'mtu-too-small' }
  | { error: 'busy' }
  | { error: 'limit'; limit: number; what: 'changes' | 'namespaces' };
