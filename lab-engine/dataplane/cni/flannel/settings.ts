// flannel's one topology setting: its backend (`Backend.Type` in net-conf.json), `vxlan` (the
// default: flannel.1 wraps pod traffic between nodes) or `host-gw` (plain routes via the node IPs,
// which needs the nodes on one L2 network).

import type { CniSettingSpec } from '../cni-plugin';

export const FLANNEL_BACKENDS = ['vxlan', 'host-gw'] as const;
export type FlannelBackend = (typeof FLANNEL_BACKENDS)[number];

export interface FlannelSettings {
  /** net-conf.json's Backend.Type (default vxlan). */
  flannelBackend?: FlannelBackend;
}

declare module '../../../core/topology' {
  interface CniSettingsByPlugin {
    flannel: FlannelSettings;
  }
}

export const FLANNEL_SETTINGS: readonly CniSettingSpec[] = [
  {
    field: 'flannelBackend',
    values: FLANNEL_BACKENDS,
    default: 'vxlan',
    realName: "flannel's Backend.Type",
    flag: { name: 'flannel-backend', noun: 'flannel backend', help: 'VXLAN overlay or plain routes via node IPs' },
  },
];
