// The part of a node's /sys the bridge ports need: /sys/class/net/<port>/brport/hairpin_mode, "0"
// or "1" followed by a newline, as the kernel's brport sysfs attribute prints it
// (net/bridge/br_sysfs_if.c, BRPORT_ATTR_FLAG(hairpin_mode, BR_HAIRPIN_MODE)). Writing "1" or "0"
// sets the flag, which is how kubelet's --hairpin-mode=hairpin-veth turned it on for a pod's veth
// (pkg/kubelet/network/hairpin); anything else is refused as the kernel's kstrtoul refuses it.

import type { Netns } from '../../dataplane/netns/types';
import type { BridgePortFlags } from '../../dataplane/cni/bridge-ports';
import type { KernelFiles } from '../virtual-fs';

const HAIRPIN = /^\/sys\/class\/net\/([^/]+)\/brport\/hairpin_mode$/;

export function nodeSysfs(netns: () => Netns | undefined, setPort: (dev: string, flags: Partial<BridgePortFlags>) => boolean): KernelFiles {
  const port = (path: string) => {
    const dev = HAIRPIN.exec(path)?.[1];
    return dev ? netns()?.links.find((l) => l.name === dev && l.master) : undefined;
  };
  return {
    paths: () => (netns()?.links ?? []).filter((l) => l.master).map((l) => `/sys/class/net/${l.name}/brport/hairpin_mode`),
    read: (path) => {
      const p = port(path);
      return p ? `${p.hairpin ? 1 : 0}\n` : undefined;
    },
    write: (path, text) => {
      const p = port(path);
      if (!p) return undefined;
      // `>` opens with O_TRUNC before writing, which a sysfs attribute ignores.
      if (text === '') return { ok: true };
      const value = text.trim();
      if (!/^\d+$/.test(value)) return { ok: false, reason: 'Invalid argument' };
      return setPort(p.name, { hairpin: Number(value) !== 0 }) ? { ok: true } : { ok: false, reason: 'Operation not permitted' };
    },
  };
}
