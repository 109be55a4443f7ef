// What each node's kube-proxy last synced into the kernel. A healthy kube-proxy (its pod Running
// and Ready, not being deleted, its container started with a mode validation accepts) follows
// the API: every Service and EndpointSlice change reaches its node's rules. When it stops — its
// pod deleted, its DaemonSet gone, its container crash-looping — nothing rewrites the rules and
// nothing removes them: the node keeps exactly what the last healthy kube-proxy wrote, so
// Services it knew keep working (with the endpoints they had then) and newer ones never appear.
// That frozen view is kept here per node, copied at the moment kube-proxy stopped (Cluster calls
// `observe` on every change to a kube-proxy pod, before anything else moves), and dropped when a
// healthy kube-proxy is back: its first sync is a full one.

import type { Pod } from '../kube/types';
import { isKubeProxy } from './kube-proxy-modes';
import { slicesAsSynced } from './lifecycle/termination-timing';
import type { ObjectStore, TypeOf } from './object-store';

/** What kube-proxy reads from the API to program a node. */
export interface ProxyInputs {
  services: TypeOf['services'][];
  endpointSlices: TypeOf['endpointslices'][];
}

/** The inputs the last healthy kube-proxy on a node synced, and when it stopped. */
export interface FrozenProxyInputs extends ProxyInputs {
  /** Milliseconds on the cluster's clock when the node's kube-proxy was last seen healthy. */
  since: number;
}

export type ProxySyncState = Record<string, FrozenProxyInputs>;

export class KubeProxySync {
  constructor(
    readonly state: ProxySyncState,
    /** Whether the pod's current kube-proxy container came up (its configuration accepted, its API client built). */
    private readonly started: (pod: Pod) => boolean,
  ) {}

  /**
   * Re-reads every node's kube-proxy: a healthy one drops its node's frozen view; one that is
   * not freezes the view it had, unless already frozen. Call it whenever a kube-proxy pod
   * changes and before Services or EndpointSlices move on.
   */
  observe(store: ObjectStore, at: number): void {
    const proxies = store.list('pods', 'kube-system').filter(isKubeProxy);
    for (const node of store.list('nodes')) {
      const name = node.metadata.name;
      if (proxies.some((p) => p.spec.nodeName === name && this.isHealthy(p))) delete this.state[name];
      else this.state[name] ??= { since: at, ...structuredClone(liveInputs(store)) };
    }
  }

  /** Whether the kube-proxy on `node` is syncing now. */
  syncing(node: string): boolean {
    return this.state[node] === undefined;
  }

  /**
   * What `node`'s rules are programmed from: the API's objects while kube-proxy runs (with a pod
   * deleted in the last ENDPOINT_PROPAGATION_MS still as it was: the sync has not run yet), else
   * the last view it synced.
   */
  inputsOn(node: string, store: ObjectStore, nowMs: number): ProxyInputs {
    const frozen = this.state[node];
    if (frozen) return frozen;
    const live = liveInputs(store);
    return { services: live.services, endpointSlices: slicesAsSynced(live.endpointSlices, (ns, name) => store.get('pods', ns, name), nowMs) };
  }

  /** When `node`'s kube-proxy stopped syncing, undefined while it syncs. */
  stoppedAt(node: string): number | undefined {
    return this.state[node]?.since;
  }

  /** Running and Ready, not being deleted, and its container came up with its configuration. */
  private isHealthy(pod: Pod): boolean {
    if (pod.status.phase !== 'Running' || pod.metadata.deletionTimestamp) return false;
    const container = pod.status.containerStatuses?.[0];
    if (!container?.ready || !container.state.running) return false;
    return this.started(pod);
  }
}

function liveInputs(store: ObjectStore): ProxyInputs {
  return { services: store.list('services'), endpointSlices: store.list('endpointslices') };
}
