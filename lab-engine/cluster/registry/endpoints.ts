// Endpoints (core/v1): written by the endpoints controller, never by clients here; printEndpoints'
// Table (formatEndpoints: ip:port, at most 3, `<none>` without subsets, an empty cell when only
// not-ready addresses exist).

import type { Endpoints } from '../../kube/types';
import { columns, type KindRegistry } from './kind-registry';
import { ageSince } from './table-cells';

export const endpointsRegistry: KindRegistry<'endpoints'> = {
  info: { resource: 'endpoints', singular: 'endpoints', kind: 'Endpoints', shortNames: ['ep'], namespaced: true, apiVersion: 'v1', group: '' },
  undeletable: true,
  columns: columns(['NAME', 'ENDPOINTS', 'AGE']),
  cells: (ep, o) => [ep.metadata.name, formatEndpoints(ep), ageSince(ep.metadata.creationTimestamp, o.nowMs)],
};

function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(`${a.ip}:${port.port}`);
      }
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}
