// The files a CNI leaves on each node (its conflist under /etc/cni/net.d, what the container
// runtime hands pods to, and whatever else it keeps on the node, such as a subnet lease): the topology's
// plugin writes them (dataplane/cni/<plugin>/config-files.ts); this adapter gives the node's and
// pods' filesystems the plugin's answer.

import type { CniName, CniSettings } from '../../core/topology';
import { cniPlugin } from '../../dataplane/cni';

/** The part of a topology a CNI's files depend on: which CNI, and its own settings. */
export type CniTopology = { cni: CniName } & CniSettings;

export function cniConfigFiles(node: { name: string; podCIDR: string }, topology: CniTopology): Record<string, string> {
  const plugin = cniPlugin(topology.cni);
  return plugin.configFiles(node, plugin.optionsFor(topology));
}
