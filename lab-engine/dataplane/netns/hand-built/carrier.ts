// Carrier (LOWER_UP) of hand-made devices, recomputed after every change, as the kernel's
// netif_carrier_on/off would leave them: a veth has carrier when it and its other end are both
// up (veth_open); a bridge when at least one of its ports has carrier (br_port_carrier_check).
// An up device without carrier shows NO-CARRIER and state LOWERLAYERDOWN (a bridge: DOWN);
// a down veth shows M-DOWN, as `ip link` prints a freshly made pair.

import type { Dataplane, Link, Netns } from '../types';

export function refreshCarrier(dp: Dataplane, node: string): void {
  const spaces = [dp.nodes[node], ...Object.values(dp.named ?? {}).filter((n) => n.node === node)].filter((n): n is Netns => !!n);
  const peerUp = (l: Link): boolean => {
    if (!l.peer) return false;
    const ns = spaces.find((s) => s.id === l.peer!.netns);
    return !!ns?.links.find((p) => p.name === l.peer!.name)?.flags.includes('UP');
  };
  for (const ns of spaces) for (const l of ns.links) if (l.handBuilt && l.kind === 'veth') setCarrier(l, l.flags.includes('UP') && peerUp(l));
  for (const ns of spaces) {
    for (const l of ns.links) {
      if (!l.handBuilt || l.kind !== 'bridge') continue;
      setCarrier(l, l.flags.includes('UP') && ns.links.some((p) => p.master === l.name && p.flags.includes('LOWER_UP')));
    }
  }
}

function setCarrier(l: Link, carrier: boolean): void {
  const up = l.flags.includes('UP');
  if (!up) {
    l.flags = l.kind === 'veth' ? ['BROADCAST', 'MULTICAST', 'M-DOWN'] : ['BROADCAST', 'MULTICAST'];
    l.state = 'DOWN';
  } else if (carrier) {
    l.flags = ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];
    l.state = 'UP';
  } else {
    l.flags = ['NO-CARRIER', 'BROADCAST', 'MULTICAST', 'UP'];
    l.state = l.kind === 'bridge' ? 'DOWN' : 'LOWERLAYERDOWN';
  }
}
