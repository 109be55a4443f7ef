// The table of CNI plugins: the one place that lists them. Everything else reaches a plugin
// through `cniPlugin(name)` and the CniPlugin interface (cni-plugin.ts): the dataplane builder,
// the packet walk's policy hook, the node's files, the cluster's bootstrap addons, the registry's
// images and the tools a shell finds in them, the lab schema and labsh's flags. A new CNI is a
// folder beside calico/ and one line here.

import type { CniName } from '../../core/topology';
import type { CniImage, CniPlugin } from './cni-plugin';
import { calico } from './calico';
import { flannel } from './flannel';
import { kubenet } from './kubenet';

export const CNI_PLUGINS = { calico, flannel, kubenet } as const satisfies { readonly [N in CniName]: CniPlugin };

/** What a topology that names no CNI gets: Calico, which enforces NetworkPolicy (DESIGN.md "Default topology"). */
export const DEFAULT_CNI: CniName = 'calico';

export const CNI_NAMES = Object.keys(CNI_PLUGINS) as [CniName, ...CniName[]];

export function isCniName(name: string): name is CniName {
  return Object.hasOwn(CNI_PLUGINS, name);
}

export function cniPlugin(name: CniName): CniPlugin {
  return CNI_PLUGINS[name];
}

/** Every plugin's images: the simulated registry serves them all, whichever CNI a cluster runs. */
export const CNI_IMAGES: readonly CniImage[] = CNI_NAMES.flatMap((name) => CNI_PLUGINS[name].images);

export type { CniImage, CniPlugin, CniSettingSpec } from './cni-plugin';
