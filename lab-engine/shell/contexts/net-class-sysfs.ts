// /sys/class/net/<dev>/ of the netns a shell stands in, read from the model: ifindex, iflink,
// address, mtu and operstate, each a line as the kernel's net-sysfs attributes print them
// (net/core/net-sysfs.c). `iflink` is what finds a pod's host-side veth: a veth's iflink is its
// peer's ifindex (veth_get_iflink), a VXLAN device's the ifindex of the device it sends by, a
// tunnel without a lower device 0, any other device its own ifindex (dev_get_iflink).
// `cat /sys/class/net/eth0/iflink` in a pod, then `ip link | grep '^N:'` on its node.

import type { Link, Netns } from '../../dataplane/netns/types';
import type { KernelFiles } from '../virtual-fs';

const ATTRIBUTES = ['ifindex', 'iflink', 'address', 'mtu', 'operstate'] as const;
type Attribute = (typeof ATTRIBUTES)[number];
const PATH = /^\/sys\/class\/net\/([^/]+)\/([a-z_]+)$/;

export function netClassSysfs(netns: () => Netns | undefined): KernelFiles {
  return {
    paths: () => (netns()?.links ?? []).flatMap((l) => ATTRIBUTES.map((a) => `/sys/class/net/${l.name}/${a}`)),
    read: (path) => {
      const m = PATH.exec(path);
      const ns = netns();
      const link = m && ns?.links.find((l) => l.name === m[1]);
      if (!m || !ns || !link || !(ATTRIBUTES as readonly string[]).includes(m[2])) return undefined;
      return `${attribute(ns, link, m[2] as Attribute)}\n`;
    },
    // These attributes are read-only (0444): the write fails as the kernel's does, with EACCES from the VFS.
    write: (path) => {
      const m = PATH.exec(path);
      const ours = m && (ATTRIBUTES as readonly string[]).includes(m[2]) && netns()?.links.some((l) => l.name === m[1]);
      return ours ? { ok: false, reason: 'Permission denied' } : undefined;
    },
  };
}

function attribute(ns: Netns, link: Link, a: Attribute): string {
  switch (a) {
    case 'ifindex':
      return String(link.ifindex);
    case 'iflink':
      return String(iflink(ns, link));
    case 'address':
      return link.mac;
    case 'mtu':
      return String(link.mtu);
    case 'operstate':
      return link.state.toLowerCase();
    default: {
      const never: never = a;
      return never;
    }
  }
}

function iflink(ns: Netns, link: Link): number {
  if (link.peer) return link.peer.ifindex;
  if (link.kind === 'vxlan') return ns.links.find((l) => l.name === link.vxlan?.dev)?.ifindex ?? 0;
  if (link.kind === 'ipip') return 0;
  return link.ifindex;
}
