// flannel with its kube subnet manager: each node leases its podCIDR, pods hang off the cni0
// bridge (the reference bridge plugin as its delegate), and other nodes' subnets are reached
// through flannel.1 (VXLAN) or plain routes (host-gw). flannel has no policy agent.

import type { CniPlugin } from '../cni-plugin';
import { NODE_MTU } from '../node-base';
import { flannelAddon } from './addon';
import { flannelConfigFiles } from './config-files';
import { FLANNEL_IMAGES } from './images';
import { flannelMtu, programFlannel } from './program';
import { flannelIpMasq } from './ip-masq';
import { flannelBridgeHairpin } from './config-files';
import { FLANNEL_SETTINGS, type FlannelBackend } from './settings';

export interface FlannelOptions {
  /** Default vxlan. */
  flannelBackend?: FlannelBackend;
}

const backendOf = (options: FlannelOptions): FlannelBackend => options.flannelBackend ?? 'vxlan';

export const flannel: CniPlugin<FlannelOptions> = {
  name: 'flannel',
  settings: FLANNEL_SETTINGS,
  nodeNetworkMtu: NODE_MTU,
  enforcesNetworkPolicy: false,
  optionsFor: (settings) => (settings.flannelBackend ? { flannelBackend: settings.flannelBackend } : {}),
  program: (view, netns, options) => {
    programFlannel(view, netns, backendOf(options));
    return {};
  },
  netfilter: (cluster, node) => flannelIpMasq(cluster, node),
  configFiles: (node, options) => flannelConfigFiles(node, flannelMtu(backendOf(options))),
  bridgeHairpin: (config) => flannelBridgeHairpin(config),
  addon: (options) => flannelAddon(backendOf(options)),
  images: FLANNEL_IMAGES,
};
