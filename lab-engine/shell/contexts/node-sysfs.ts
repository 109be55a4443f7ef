// The part of a node's /sys the bridge ports need: /sys/class/net/<port>/brport/hairpin_mode and
// .../brport/isolated, "0" or "1" followed by a newline, as the kernel's brport sysfs attributes
// print them (net/bridge/br_sysfs_if.c, BRPORT_ATTR_FLAG(hairpin_mode, BR_HAIRPIN_MODE) and
// BRPORT_ATTR_FLAG(isolated, BR_ISOLATED)). Writing "1" or "0" sets the flag, which is how
// kubelet's --hairpin-mode=hairpin-veth turned hairpin on for a pod's veth
// (pkg/kubelet/network/hairpin); anything else is refused as the kernel's kstrtoul refuses it.

import type { Netns } from '../../dataplane/netns/types';
import type { BridgePortFlags } from '../../dataplane/cni/bridge-ports';
import type { KernelFiles } from '../virtual-fs';

/** Each brport attribute the model keeps, and the port flag behind it. */
const ATTRIBUTES = { hairpin_mode: 'hairpin', isolated: 'isolated' } as const satisfies Record<string, keyof BridgePortFlags>;
type Attribute = keyof typeof ATTRIBUTES;

const BRPORT = /^\/sys\/class\/net\/([^/]+)\/brport\/(hairpin_mode|isolated)$/;

export function nodeSysfs(netns: () => Netns | undefined, setPort: (dev: string, flags: Partial<BridgePortFlags>) => boolean): KernelFiles {
  const port = (path: string) => {
    const m = BRPORT.exec(path);
    const link = m ? netns()?.links.find((l) => l.name === m[1] && l.master) : undefined;
    return link && m ? { link, attribute: m[2] as Attribute } : undefined;
  };
  return {
    paths: () =>
      (netns()?.links ?? [])
        .filter((l) => l.master)
        .flatMap((l) => Object.keys(ATTRIBUTES).map((a) => `/sys/class/net/${l.name}/brport/${a}`)),
    read: (path) => {
      const p = port(path);
      return p ? `${p.link[ATTRIBUTES[p.attribute]] ? 1 : 0}\n` : undefined;
    },
    write: (path, text) => {
      const p = port(path);
      if (!p) return undefined;
      // `>` opens with O_TRUNC before writing, which a sysfs attribute ignores.
      if (text === '') return { ok: true };
      const value = text.trim();
      if (!/^\d+$/.test(value)) return { ok: false, reason: 'Invalid argument' };
      return setPort(p.link.name, { [ATTRIBUTES[p.attribute]]: Number(value) !== 0 }) ? { ok: true } : { ok: false, reason: 'Operation not permitted' };
    },
  };
}
