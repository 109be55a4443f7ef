// Calico's one topology setting: the IPPool's ipipMode, `Always` (calico.yaml's
// CALICO_IPV4POOL_IPIP default: node-to-node pod traffic wrapped in IP-in-IP through tunl0) or
// `Never` (plain BGP routes via the node IPs, which needs the nodes on one L2 network).

import type { CniSettingSpec } from '../cni-plugin';

export const IPIP_MODES = ['Always', 'Never'] as const;
export type IpipMode = (typeof IPIP_MODES)[number];

export interface CalicoSettings {
  /** The IPPool's ipipMode (default Always). */
  ipipMode?: IpipMode;
}

declare module '../../../core/topology' {
  interface CniSettingsByPlugin {
    calico: CalicoSettings;
  }
}

export const CALICO_SETTINGS: readonly CniSettingSpec[] = [
  {
    field: 'ipipMode',
    values: IPIP_MODES,
    default: 'Always',
    realName: "Calico's IPPool setting",
    flag: { name: 'calico-ipip', noun: 'IP-in-IP mode', help: 'IP-in-IP between nodes' },
  },
];
