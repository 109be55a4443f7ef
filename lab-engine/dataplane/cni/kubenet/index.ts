// kubenet, the kubelet's basic bridge (cbr0) on a cloud whose VPC route table carries pod
// traffic between nodes: the nodes hold no route to each other's pod CIDRs, the cloud router at
// their default gateway does (program.ts returns its routes; the packet walk's cloud-router stage
// follows them). No policy agent.

import type { CniPlugin } from '../cni-plugin';
import { kubenetAddon } from './addon';
import { kubenetConfigFiles } from './config-files';
import { hairpinModeOf, pluginEntries } from '../bridge-ports';
import { CLOUD_VPC_MTU, programKubenet } from './program';

declare module '../../../core/topology' {
  interface CniSettingsByPlugin {
    /** kubenet takes no settings. */
    kubenet: Record<never, never>;
  }
}

export const kubenet: CniPlugin = {
  name: 'kubenet',
  summary: "the cloud's VPC routes pod CIDRs",
  settings: [],
  nodeNetworkMtu: CLOUD_VPC_MTU,
  enforcesNetworkPolicy: false,
  optionsFor: () => ({}),
  program: (view, netns) => ({ cloudRoutes: programKubenet(view, netns) }),
  configFiles: (node) => kubenetConfigFiles(node),
  // kubelet's --hairpin-mode=promiscuous-bridge (its default) wrote hairpinMode false and made
  // cbr0 promiscuous instead; hairpin-veth wrote true (kubenet_linux.go's template).
  bridgeHairpin: (config) => hairpinModeOf(pluginEntries(config).find((p) => p.type === 'bridge')),
  addon: () => kubenetAddon(),
  // The kubelet's own plugin: no image of its own.
  images: [],
};
