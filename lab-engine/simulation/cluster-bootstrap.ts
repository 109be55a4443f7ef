// A fresh cluster as the composition root puts it together: the topology's CNI plugin
// (dataplane/cni) hands the cluster's bootstrap what its manifest adds (DaemonSets, Deployments,
// node annotations, the NetworkUnavailable condition), so cluster/ never names a CNI.

import type { ManualClock } from '../core/clock';
import type { Rng } from '../core/random';
import type { TopologyOptions } from '../core/topology';
import { Cluster } from '../cluster/cluster';
import { cniPlugin } from '../dataplane/cni';

export function bootstrapCluster(clock: ManualClock, rng: Rng, topology: TopologyOptions): Cluster {
  const plugin = cniPlugin(topology.cni);
  return Cluster.bootstrap(clock, rng, topology, { network: plugin.addon(plugin.optionsFor(topology)) });
}
