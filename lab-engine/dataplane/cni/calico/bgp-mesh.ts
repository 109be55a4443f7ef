// Calico's BGP node-to-node mesh: which sessions BIRD has up, and so which nodes hold a route to
// which other nodes' blocks. BIRD runs inside calico-node, so a node's speaker is up exactly when
// its calico-node pod is Running and ready (the readiness probe asks BIRD). A session between two
// nodes is Established when both speakers are up. When only the local speaker is up, it dials the
// peer's TCP 179 and the peer's kernel answers with a reset (nothing listens there): BIRD shows
// the session in `start`, `Active Socket: Connection refused`, and withdraws the peer's routes.
// A node whose own calico-node is down keeps the routes BIRD last installed: Calico's bird.cfg
// gives the kernel protocol `persist` ("Don't remove routes on bird shutdown").
// Simplification: BGP graceful restart (the peer keeping stale routes for up to 120 s after a
// session drops) is not modelled: the routes go when the speaker does.
// Sources: projectcalico/calico confd templates (bird.cfg: `protocol kernel { learn; persist; ...}`,
// the node-to-node mesh peers), calicoctl node status output in projectcalico/calicoctl#1883 and
// kubernetes/kops#10546 (`| start | ... | Active Socket: Connection refused |`).

import type { CniClusterView } from '../cluster-view';

/** The DaemonSet whose pods run BIRD and Felix on every node (calico.yaml). */
export const CALICO_NODE_DAEMONSET = 'kube-system/calico-node';

export type BgpSessionState =
  /** Both speakers up: routes exchanged. */
  | { kind: 'established' }
  /** The local speaker is up, the peer's is not: TCP 179 is refused, no routes from the peer. */
  | { kind: 'refused' }
  /** The local speaker is down: there is no session to report (calicoctl says the process is not running). */
  | { kind: 'local-down' };

/** Whether BIRD runs on `node` (its calico-node pod is Running and ready). */
export function speakerUp(view: Pick<CniClusterView, 'runningDaemonSets'>, node: string): boolean {
  if (!view.runningDaemonSets) return true;
  return view.runningDaemonSets[node]?.includes(CALICO_NODE_DAEMONSET) ?? false;
}

/** The session `node` has with `peer`, as `node`'s BIRD sees it. */
export function bgpSession(view: Pick<CniClusterView, 'runningDaemonSets'>, node: string, peer: string): BgpSessionState {
  if (!speakerUp(view, node)) return { kind: 'local-down' };
  return speakerUp(view, peer) ? { kind: 'established' } : { kind: 'refused' };
}

/**
 * Whether `node`'s kernel holds a BGP route to `peer`'s block: learned over an Established
 * session, or left behind (`persist`) by a BIRD that is no longer running on `node`.
 */
export function holdsRouteTo(view: Pick<CniClusterView, 'runningDaemonSets'>, node: string, peer: string): boolean {
  const session = bgpSession(view, node, peer);
  switch (session.kind) {
    case 'established':
    case 'local-down':
      return true;
    case 'refused':
      return false;
    default: {
      const never: never = session;
      return never;
    }
  }
}
