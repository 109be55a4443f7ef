// Which topology settings belong together: each CNI's own knobs only make sense with that CNI
// (an IPPool's ipipMode means nothing to flannel). One rule list, read by the lab schema, labsh's
// flags and createSimulation, so all three refuse the same combinations.

import type { CniPlugin, FlannelBackend, IpipMode, TopologyOptions } from './topology';

export const CNI_PLUGINS = ['calico', 'flannel', 'kubenet'] as const satisfies readonly CniPlugin[];
export const IPIP_MODES = ['Always', 'Never'] as const satisfies readonly IpipMode[];
export const FLANNEL_BACKENDS = ['vxlan', 'host-gw'] as const satisfies readonly FlannelBackend[];

/** A CNI-specific setting: the topology field, the CNI it belongs to, and what it is called there. */
export interface CniSetting {
  field: 'ipipMode' | 'flannelBackend';
  cni: CniPlugin;
  /** Where the real plugin keeps it, for error messages. */
  realName: string;
}

export const CNI_SETTINGS: readonly CniSetting[] = [
  { field: 'ipipMode', cni: 'calico', realName: "Calico's IPPool setting" },
  { field: 'flannelBackend', cni: 'flannel', realName: "flannel's Backend.Type" },
];

/** The settings present in `topology` that its CNI does not have. */
export function misplacedSettings(topology: Pick<TopologyOptions, 'cni' | 'ipipMode' | 'flannelBackend'>): CniSetting[] {
  return CNI_SETTINGS.filter((s) => topology[s.field] !== undefined && topology.cni !== s.cni);
}

/** `Calico's IPPool setting ipipMode only goes with cni calico (this topology uses flannel)`. */
export function misplacedMessage(setting: CniSetting, cni: CniPlugin): string {
  return `${setting.field} is ${setting.realName}; it only goes with cni ${setting.cni} (this topology uses ${cni})`;
}

/** A topology no simulation can be built from; its message is fit for the person who asked for it. */
export class TopologyError extends Error {}

/** Throws on a combination no lab or flag may produce; createSimulation's last line of defence. */
export function assertTopology(topology: TopologyOptions): void {
  const wrong = misplacedSettings(topology)[0];
  if (wrong) throw new TopologyError(`topology: ${misplacedMessage(wrong, topology.cni)}`);
}
