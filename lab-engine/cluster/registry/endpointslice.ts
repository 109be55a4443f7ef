// EndpointSlices (discovery.k8s.io/v1): written by the EndpointSlice controller, never by clients
// here; printEndpointSlice's Table (formatDiscoveryPorts, formatDiscoveryEndpoints,
// listWithMoreString with `<unset>`).

import { columns, type KindRegistry } from './kind-registry';
import { ageSince } from './table-cells';

export const endpointSliceRegistry: KindRegistry<'endpointslices'> = {
  info: { resource: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice', shortNames: [], namespaced: true, apiVersion: 'discovery.k8s.io/v1', group: 'discovery.k8s.io' },
  undeletable: true,
  columns: columns(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']),
  cells(s, o) {
    const max = 3;
    const ports: string[] = [];
    let morePorts = false;
    for (const p of s.ports ?? []) {
      if (ports.length < max) ports.push(String(p.port ?? p.name ?? '*'));
      else morePorts = true;
    }
    const addrs: string[] = [];
    let moreAddrs = false;
    let count = 0;
    for (const e of s.endpoints) {
      for (const a of e.addresses) {
        if (addrs.length < max) addrs.push(a);
        else moreAddrs = true;
        count++;
      }
    }
    return [s.metadata.name, s.addressType, listWithMore(ports, morePorts, (s.ports ?? []).length, max), listWithMore(addrs, moreAddrs, count, max), ageSince(s.metadata.creationTimestamp, o.nowMs)];
  },
};

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const joined = list.join(',');
  if (more) return `${joined} + ${count - max} more...`;
  return joined || '<unset>';
}
