// `kubectl describe ingress` and `kubectl describe ingressclass`: describe.go describeIngressV1
// (Address, Ingress Class, Default backend, TLS lines, the Host/Path/Backends table with each
// backend's ready endpoints read from its Service's EndpointSlices) and describeIngressClassV1.

import type { EndpointSlice, Ingress, IngressClass, IngressServiceBackend, Service } from '../../../../kube/types';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './describe-writer';
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline } from './describe-format';

/** What the Ingress describer reads besides the Ingress: a Service and its EndpointSlices, by name. */
export interface BackendLookup {
  service(namespace: string, name: string): Service | undefined;
  slices(namespace: string, serviceName: string): readonly EndpointSlice[];
}

export function describeIngress(ing: Ingress, lookup: BackendLookup): string {
  const w = new DescribeWriter();
  const ns = ing.metadata.namespace ?? '';
  w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(LEVEL_0, `Namespace:\t${ns}\n`);
  w.write(LEVEL_0, `Address:\t${loadBalancerAddress(ing)}\n`);
  w.write(LEVEL_0, `Ingress Class:\t${ing.spec.ingressClassName ?? '<none>'}\n`);
  const defaultBackend = ing.spec.defaultBackend ? describeBackend(ns, ing.spec.defaultBackend, lookup) : '<default>';
  w.write(LEVEL_0, `Default backend:\t${defaultBackend}\n`);
  if (ing.spec.tls?.length) {
    w.write(LEVEL_0, 'TLS:\n');
    for (const t of ing.spec.tls) {
      const hosts = (t.hosts ?? []).join(',');
      w.write(LEVEL_1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(LEVEL_1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of ing.spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(LEVEL_1, `${rule.host || '*'}\t\n`);
    for (const path of rule.http.paths) w.write(LEVEL_2, `\t${path.path ?? ''} \t${describeBackend(ns, path.backend, lookup)}\n`);
  }
  if (count === 0) w.write(LEVEL_1, `*\t*\t${defaultBackend}\n`);
  printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(w);
  return w.done();
}

export function describeIngressClass(ic: IngressClass): string {
  const w = new DescribeWriter();
  w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
  printLabelsMultiline(w, 'Labels', ic.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
  w.write(LEVEL_0, `Controller:\t${ic.spec.controller}\n`);
  const params = ic.spec.parameters;
  if (params) {
    w.write(LEVEL_0, 'Parameters:\n');
    if (params.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${params.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${params.kind}\n`);
    w.write(LEVEL_1, `Name:\t${params.name}\n`);
  }
  describeEvents(w);
  return w.done();
}

/** ingressLoadBalancerStatusStringerV1 (wide): distinct IPs or hostnames, sorted, comma-joined. */
function loadBalancerAddress(ing: Ingress): string {
  const set = new Set<string>();
  for (const i of ing.status.loadBalancer.ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort(byteOrder).join(',');
}

/** describeBackendV1: `svc:port (endpoints)`, or the lookup's error in place of the endpoints. */
function describeBackend(ns: string, backend: IngressServiceBackend, lookup: BackendLookup): string {
  const { name, port } = backend.service;
  const label = `${name}:${port.number ? port.number : (port.name ?? '')}`;
  const slices = lookup.slices(ns, name);
  const service = lookup.service(ns, name);
  if (!service) return `${label} (<error: services "${name}" not found>)`;
  // The Service port the backend names; its name picks the EndpointSlice ports (the last match wins, as upstream's loop).
  let portName = '';
  for (const sp of service.spec.ports ?? []) {
    if (port.number && port.number === sp.port) portName = sp.name ?? '';
    else if (port.name && port.name === sp.name) portName = port.name;
  }
  return `${label} (${formatSliceEndpoints(slices, portName)})`;
}

/** describe.go formatEndpointSlices for one port name: ready `ip:port`s, at most 3, then `+ N more...`. */
function formatSliceEndpoints(slices: readonly EndpointSlice[], portName: string): string {
  if (slices.length === 0) return '<none>';
  const MAX = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const add = (text: string, ready: boolean) => {
    if (list.length === MAX) more = true;
    if (!ready) return;
    if (!more) list.push(text);
    count++;
  };
  for (const slice of slices) {
    if (!slice.ports?.length) {
      for (const ep of slice.endpoints) add(ep.addresses[0], ep.conditions.ready);
      continue;
    }
    for (const p of slice.ports) {
      if (p.name !== portName) continue;
      for (const ep of slice.endpoints) add(`${ep.addresses[0]}:${p.port}`, ep.conditions.ready);
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - MAX} more...` : joined;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
