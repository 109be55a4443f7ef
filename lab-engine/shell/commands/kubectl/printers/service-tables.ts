// Tables for Services, Endpoints and EndpointSlices, re-expressed from
// pkg/printers/internalversion/printers.go: printService (getServiceExternalIP,
// makePortString, loadBalancerStatusStringer clipping at 16 characters unless -o wide),
// printEndpoints (formatEndpoints: ip:port, at most 3, `<none>` without subsets, an empty cell
// when only not-ready addresses exist) and printEndpointSlice (formatDiscoveryPorts,
// formatDiscoveryEndpoints, listWithMoreString with `<unset>`).

import type { EndpointSlice, Endpoints, Service } from '../../../../kube/types';
import { ageSince } from './human-duration';
import { decorate, formatLabels, type Table, type TableOptions } from './resource-tables';

function lbStatus(svc: Service, wide: boolean): string {
  const text = (svc.status.loadBalancer.ingress ?? []).map((i) => i.ip).join(',');
  return !wide && text.length > 16 ? `${text.slice(0, 13)}...` : text;
}

export function serviceExternalIP(svc: Service, wide: boolean): string {
  const external = svc.spec.externalIPs ?? [];
  switch (svc.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbStatus(svc, wide);
      if (external.length) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default: {
      const never: never = svc.spec.type;
      return never;
    }
  }
}

export function servicePorts(svc: Service): string {
  const text = (svc.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
  return text || '<none>';
}

export function serviceTable(items: readonly Service[], o: TableOptions): Table {
  const rows = items.map((svc) => {
    const cells = [svc.metadata.name, svc.spec.type, svc.spec.clusterIPs?.[0] ?? '<none>', serviceExternalIP(svc, o.wide), servicePorts(svc), ageSince(svc.metadata.creationTimestamp, o.nowMs)];
    if (o.wide) cells.push(formatLabels(svc.spec.selector));
    return cells;
  });
  return decorate(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'], o.wide ? ['SELECTOR'] : [], rows, items, o);
}

export function formatEndpoints(ep: Endpoints): string {
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

export function endpointsTable(items: readonly Endpoints[], o: TableOptions): Table {
  const rows = items.map((ep) => [ep.metadata.name, formatEndpoints(ep), ageSince(ep.metadata.creationTimestamp, o.nowMs)]);
  return decorate(['NAME', 'ENDPOINTS', 'AGE'], [], rows, items, o);
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const joined = list.join(',');
  if (more) return `${joined} + ${count - max} more...`;
  return joined || '<unset>';
}

export function endpointSliceTable(items: readonly EndpointSlice[], o: TableOptions): Table {
  const rows = items.map((s) => {
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
  });
  return decorate(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'], [], rows, items, o);
}
