// Calico in BGP mode with host-local IPAM (each node owns its podCIDR), IP-in-IP between nodes
// unless the IPPool says Never; felix enforces NetworkPolicy. See program.ts for what it puts in
// the kernel, addon.ts for what its manifest adds to the cluster, images.ts for its release.

import type { CniPlugin } from '../cni-plugin';
import { NODE_MTU } from '../node-base';
import { calicoAddon } from './addon';
import { calicoConfigFiles, calicoVethMtu } from './config-files';
import { CALICO_IMAGES } from './images';
import { programCalico } from './program';
import { felixNetfilter } from './felix-tables';
import { CALICO_SETTINGS } from './settings';

export interface CalicoOptions {
  /** Encapsulate node-to-node pod traffic in IP-in-IP (default true: `ipipMode: Always`). */
  ipip?: boolean;
}

export const calico: CniPlugin<CalicoOptions> = {
  name: 'calico',
  settings: CALICO_SETTINGS,
  nodeNetworkMtu: NODE_MTU,
  enforcesNetworkPolicy: true,
  optionsFor: (settings) => ({ ipip: (settings.ipipMode ?? 'Always') === 'Always' }),
  program: (view, netns, options) => {
    programCalico(view, netns, options.ipip !== false);
    return {};
  },
  netfilter: (cluster, node, options, env) => felixNetfilter(cluster, node, options.ipip !== false, env.proxyMode === 'ipvs'),
  configFiles: (node) => calicoConfigFiles(node),
  vethMtu: (config) => calicoVethMtu(config),
  addon: () => calicoAddon(),
  images: CALICO_IMAGES,
};
