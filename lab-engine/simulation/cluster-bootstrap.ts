// A fresh cluster as the composition root puts it together: the topology's CNI plugin
// (dataplane/cni) hands the cluster's bootstrap what its manifest adds (DaemonSets, Deployments,
// node annotations, the NetworkUnavailable condition), and the simulated registry's catalogue is
// filled from the layers that know images (every image profile in dataplane/apps/images and
// every CNI plugin's images), so cluster/ never names a CNI or an image.

import type { ManualClock } from '../core/clock';
import type { Rng } from '../core/random';
import type { TopologyOptions } from '../core/topology';
import { Cluster } from '../cluster/cluster';
import { addRegistryImages, type ImageInfo } from '../cluster/images';
import { IMAGE_REGISTRY_ENTRIES } from '../dataplane/apps/images';
import { CNI_IMAGES, cniPlugin } from '../dataplane/cni';

/** Every image the simulated registry serves, whatever CNI a cluster runs (a learner may run calico/node on a flannel cluster). */
export const REGISTRY_IMAGES: readonly ImageInfo[] = [...IMAGE_REGISTRY_ENTRIES, ...CNI_IMAGES];

// Added once, on load, before any cluster is made or restored (simulation.ts imports this module
// for both). A test of cluster/ that makes no cluster through here adds them itself.
addRegistryImages(REGISTRY_IMAGES);

export function bootstrapCluster(clock: ManualClock, rng: Rng, topology: TopologyOptions): Cluster {
  const plugin = cniPlugin(topology.cni);
  return Cluster.bootstrap(clock, rng, topology, { network: plugin.addon(plugin.optionsFor(topology)) });
}
