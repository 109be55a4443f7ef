// Where a shell runs: the learner's workstation, a node's root shell (`ssh node-1`), or a
// container of a pod (`kubectl exec`). The interpreter asks the session for the current location;
// commands that look at the network (`ip`, `hostname -i`) read the netns behind it.

import type { BridgePortFlags } from '../../dataplane/cni/bridge-ports';
import type { Dataplane, Netns } from '../../dataplane/netns/types';
import type { HandError, HandOp } from '../../dataplane/netns/hand-built';
import type { TopologyOptions } from '../../core/topology';
import type { PacketWorld } from '../../dataplane/packet/world';
import type { PacketTrace } from '../../dataplane/packet/packet-trace';

export type ShellLocation =
  | { kind: 'workstation' }
  | NodeLocation
  | PodLocation;

export interface NodeLocation {
  kind: 'node';
  node: string;
  /** `ip netns exec NAME …`: the command runs in a netns the learner made on the node (its files are the node's). */
  netns?: string;
}

export interface PodLocation {
  kind: 'pod';
  namespace: string;
  pod: string;
  container: string;
  /** The shell program that was started (`sh`, `bash`); drives the prompt and error wording. */
  shell?: string;
  /** `kubectl run -it`: this shell is the container's own process, so leaving it ends the container (and `--rm` deletes the pod). */
  attached?: { rm: boolean };
}

export function locationKey(loc: ShellLocation): string {
  switch (loc.kind) {
    case 'workstation':
      return 'workstation';
    case 'node':
      return `node/${loc.node}`;
    case 'pod':
      return `pod/${loc.namespace}/${loc.pod}/${loc.container}`;
    default: {
      const never: never = loc;
      return never;
    }
  }
}

/** One forwarded local port: connections to 127.0.0.1:local reach the pod's own port through the API server and kubelet. */
export interface PortForward {
  namespace: string;
  pod: string;
  podPort: number;
  /** Called for each connection, as kubectl prints "Handling connection for N". */
  onConnection(): void;
}

/** What commands may ask of the session they run in. Absent in bare unit tests of single commands. */
export interface ShellSession {
  readonly topology: TopologyOptions;
  /** `kubectl port-forward` listeners on the workstation's loopback, by local port (gone with the session). */
  readonly portForwards: Map<number, PortForward>;
  location(): ShellLocation;
  /** The network model of the whole cluster (cached per cluster generation). */
  dataplane(): Dataplane;
  /** What a packet probe reads (dataplane, node kernels, policies): `sendProbe(session.network(), probe)`. */
  network(): PacketWorld;
  /** The netns the current location sits in; undefined on the workstation or for a pod without a sandbox. */
  netns(): Netns | undefined;
  /**
   * `bridge link set dev <port> hairpin on`: changes a bridge port's flags in the node's root netns
   * the shell stands in (the node, or a hostNetwork pod's node). False: no such bridge port there.
   */
  setBridgePort(dev: string, flags: Partial<BridgePortFlags>): boolean;
  /**
   * A hand-made change to the network of the node the shell stands on (`ip link add`, `ip netns
   * add`...): the kernel's refusal, or undefined once made. Absent where nothing may be changed.
   */
  changeNetwork?(op: HandOp): HandError | undefined;
  /**
   * Enters a location (a nested shell): the prompt, commands and files follow it until `leave()`.
   * `oneShot`: entered only to run one command (`ssh node-1 CMD`, `kubectl exec POD -- CMD`); the
   * caller leaves, and `exit` there only ends that command.
   */
  enter(loc: ShellLocation, opts?: { oneShot?: boolean }): void;
  /** Whether the innermost shell was entered for one command only. */
  oneShot(): boolean;
  /** Leaves the innermost location; false when already at the workstation. */
  leave(): boolean;
  /** How many shells deep we are (1 = the workstation). */
  depth(): number;
  /** Hands a `trace` walk to whoever draws it (the browser's lab panel); a no-op in scripts and tests. */
  showWalk(walk: ShownWalk): void;
}

/** A walk the learner ran with `trace`, with the names they gave its ends. */
export interface ShownWalk {
  source: string;
  destination: string;
  trace: PacketTrace;
}
