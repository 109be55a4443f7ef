// The Endpoints and EndpointSlice controllers, and the load-balancer controller, as they look
// from kubectl (pkg/controller/endpoint, pkg/controller/endpointslice):
// - every Service with a selector gets an Endpoints object of its own name: ready pods under
//   `addresses`, unready ones under `notReadyAddresses`, terminating pods dropped; pods that
//   resolve the ports to the same numbers share a subset; addresses sorted by IP.
// - and EndpointSlices named `<svc>-<5 chars>`, labelled kubernetes.io/service-name and
//   managed-by endpointslice-controller.k8s.io, owned by the Service, one per distinct port set,
//   listing terminating pods too with ready/serving/terminating conditions (KEP-1672: serving is
//   the pod's readiness, probes included; publishNotReadyAddresses makes every endpoint ready); a Service without
//   endpoints keeps one placeholder slice with neither ports nor endpoints.
// - named targetPorts resolve per pod against its containers' port names (and protocol); a pod
//   without that port is left out for it.
// - a LoadBalancer Service gets the next address of the simulated pool, if there is one.
// Writes happen only when the content changes, so a settled cluster stays byte-identical.

import type { Rng } from '../../core/random';
import { randomSuffix } from '../../core/random';
import type { ObjectStore } from '../object-store';
import { mapSelectorMatches } from '../../kube/label-selector';
import type { ServiceAllocators } from '../service-allocators';
import { rfc3339 } from '../time-format';
import type { EndpointAddress, EndpointSlice, Endpoints, Pod, Protocol, Service } from '../../kube/types';
import { newUid } from '../uid';
import { isPodReady } from './controller-helpers';

export const SLICE_MANAGED_BY = 'endpointslice-controller.k8s.io';

interface PortResolution {
  name: string;
  port: number;
  protocol: Protocol;
  appProtocol?: string;
}

/** The ports a Service's targetPorts resolve to on one pod (podutil.FindPort), in service port order. */
export function resolvePorts(svc: Service, pod: Pod): PortResolution[] {
  const out: PortResolution[] = [];
  for (const sp of svc.spec.ports ?? []) {
    let port: number | undefined;
    if (typeof sp.targetPort === 'number') port = sp.targetPort;
    else {
      for (const c of pod.spec.containers) {
        const match = (c.ports ?? []).find((p) => p.name === sp.targetPort && p.protocol === sp.protocol);
        if (match) {
          port = match.containerPort;
          break;
        }
      }
    }
    if (port !== undefined) out.push({ name: sp.name ?? '', port, protocol: sp.protocol, ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

function byIp(a: { ip: string }, b: { ip: string }): number {
  return a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0;
}

/** Runs the controllers for the Services of `namespaces` (all when undefined). Returns whether anything was written. */
export function reconcileServices(store: ObjectStore, alloc: ServiceAllocators, rng: Rng, at: number, namespaces?: ReadonlySet<string>): boolean {
  let changed = false;
  const services = namespaces ? [...namespaces].flatMap((ns) => store.list('services', ns)) : store.list('services');
  // Each namespace's pods and slices are read once per pass, not once per Service: a learner's
  // loop creating hundreds of Services in one namespace would otherwise cost O(n²) per create.
  const views = new Map<string, NamespaceView>();
  for (const svc of services) {
    if (svc.spec.type === 'LoadBalancer' && !svc.status.loadBalancer.ingress?.length) {
      const ip = alloc.nextLoadBalancerIP(`${svc.metadata.namespace}/${svc.metadata.name}`);
      if (ip) {
        svc.status.loadBalancer = { ingress: [{ ip, ipMode: 'VIP' }] };
        store.touch(svc);
        changed = true;
      }
    }
    if (!svc.spec.selector || svc.spec.type === 'ExternalName') continue;
    const ns = svc.metadata.namespace!;
    let view = views.get(ns);
    if (!view) {
      view = namespaceView(store, ns);
      views.set(ns, view);
    }
    const pods = view.pods.filter((p) => mapSelectorMatches(svc.spec.selector!, p.metadata.labels));
    changed = syncEndpoints(store, rng, svc, pods, at) || changed;
    changed = syncSlices(store, rng, svc, pods, at, view.slicesByService.get(svc.metadata.name) ?? []) || changed;
  }
  return changed;
}

interface NamespaceView {
  /** Pods with an IP that have not finished. */
  pods: Pod[];
  /** The controller's own slices, by the Service they belong to, in name order. */
  slicesByService: Map<string, EndpointSlice[]>;
}

function namespaceView(store: ObjectStore, ns: string): NamespaceView {
  const pods = store.list('pods', ns).filter((p) => p.status.podIP && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed');
  const slicesByService = new Map<string, EndpointSlice[]>();
  for (const slice of store.list('endpointslices', ns)) {
    const service = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (service === undefined || slice.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] !== SLICE_MANAGED_BY) continue;
    const list = slicesByService.get(service);
    if (list) list.push(slice);
    else slicesByService.set(service, [slice]);
  }
  return { pods, slicesByService };
}

function address(pod: Pod): EndpointAddress {
  return {
    ip: pod.status.podIP!,
    ...(pod.spec.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace!, uid: pod.metadata.uid },
  };
}

function syncEndpoints(store: ObjectStore, rng: Rng, svc: Service, pods: Pod[], at: number): boolean {
  const groups = new Map<string, { ports: PortResolution[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  const headless = !(svc.spec.ports ?? []).length;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp && !svc.spec.publishNotReadyAddresses) continue;
    const ports = resolvePorts(svc, pod);
    if (!headless && ports.length === 0) continue;
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, ready: [], notReady: [] };
    groups.set(key, group);
    (isPodReady(pod) || svc.spec.publishNotReadyAddresses ? group.ready : group.notReady).push(address(pod));
  }
  const subsets = [...groups.values()]
    .map((g) => ({
      ...(g.ready.length ? { addresses: g.ready.sort(byIp) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(byIp) } : {}),
      ...(g.ports.length ? { ports: g.ports.map((p) => ({ ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}), ...(p.name ? { name: p.name } : {}), port: p.port, protocol: p.protocol })) } : {}),
    }))
    .sort((a, b) => byIp((a.addresses ?? a.notReadyAddresses)![0], (b.addresses ?? b.notReadyAddresses)![0]));
  const ns = svc.metadata.namespace!;
  const existing = store.get('endpoints', ns, svc.metadata.name);
  if (existing) {
    if (JSON.stringify(existing.subsets ?? []) === JSON.stringify(subsets)) return false;
    if (subsets.length) existing.subsets = subsets;
    else delete existing.subsets;
    existing.metadata.annotations = { ...existing.metadata.annotations, 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(at) };
    store.touch(existing);
    return true;
  }
  const ep: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(at) },
      creationTimestamp: rfc3339(at),
      ...(svc.metadata.labels ? { labels: { ...svc.metadata.labels } } : {}),
      name: svc.metadata.name,
      namespace: ns,
      resourceVersion: '',
      uid: newUid(rng),
    },
    ...(subsets.length ? { subsets } : {}),
  };
  store.create('endpoints', ep);
  return true;
}

function syncSlices(store: ObjectStore, rng: Rng, svc: Service, pods: Pod[], at: number, existing: readonly EndpointSlice[]): boolean {
  const ns = svc.metadata.namespace!;
  const groups = new Map<string, { ports: PortResolution[]; endpoints: EndpointSlice['endpoints'] }>();
  const headless = !(svc.spec.ports ?? []).length;
  for (const pod of [...pods].sort((a, b) => byIp({ ip: a.status.podIP! }, { ip: b.status.podIP! }))) {
    const ports = resolvePorts(svc, pod);
    if (!headless && ports.length === 0) continue;
    const key = JSON.stringify(ports);
    const group = groups.get(key) ?? { ports, endpoints: [] };
    groups.set(key, group);
    // endpointslice utils podToEndpoint: serving is the pod's readiness; ready never holds while terminating, unless the Service publishes not-ready addresses.
    const terminating = !!pod.metadata.deletionTimestamp;
    const serving = isPodReady(pod);
    const a = address(pod);
    // The endpoint's DNS name (kubernetes/dns spec 2.4.1): the pod's hostname, when its subdomain is this Service.
    const hostname = pod.spec.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname : undefined;
    group.endpoints.push({
      addresses: [a.ip],
      conditions: { ready: !!svc.spec.publishNotReadyAddresses || (serving && !terminating), serving, terminating },
      ...(hostname ? { hostname } : {}),
      ...(a.nodeName ? { nodeName: a.nodeName } : {}),
      targetRef: a.targetRef,
    });
  }
  const wanted = [...groups.values()];
  let changed = false;
  const contents: { ports: EndpointSlice['ports']; endpoints: EndpointSlice['endpoints'] }[] = wanted.length
    ? wanted.map((g) => ({ ports: headless ? null : g.ports.map((p) => ({ ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}), name: p.name, port: p.port, protocol: p.protocol })), endpoints: g.endpoints }))
    : [{ ports: null, endpoints: [] }];
  contents.forEach((content, i) => {
    const slice = existing[i];
    if (slice) {
      if (JSON.stringify(slice.ports) === JSON.stringify(content.ports) && JSON.stringify(slice.endpoints) === JSON.stringify(content.endpoints)) return;
      slice.ports = content.ports;
      slice.endpoints = content.endpoints;
      store.touch(slice);
      changed = true;
      return;
    }
    let name = `${svc.metadata.name}-${randomSuffix(rng, 5)}`;
    while (store.get('endpointslices', ns, name)) name = `${svc.metadata.name}-${randomSuffix(rng, 5)}`;
    store.create('endpointslices', {
      addressType: 'IPv4',
      apiVersion: 'discovery.k8s.io/v1',
      endpoints: content.endpoints,
      kind: 'EndpointSlice',
      metadata: {
        creationTimestamp: rfc3339(at),
        generateName: `${svc.metadata.name}-`,
        generation: 1,
        labels: { ...svc.metadata.labels, 'endpointslice.kubernetes.io/managed-by': SLICE_MANAGED_BY, 'kubernetes.io/service-name': svc.metadata.name },
        name,
        namespace: ns,
        ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid }],
        resourceVersion: '',
        uid: newUid(rng),
      } as EndpointSlice['metadata'],
      ports: content.ports,
    });
    changed = true;
  });
  for (const extra of existing.slice(contents.length)) {
    store.remove('endpointslices', ns, extra.metadata.name);
    changed = true;
  }
  return changed;
}

/** What goes with a deleted Service: its Endpoints and (garbage-collected) EndpointSlices. */
export function removeServiceEndpoints(store: ObjectStore, svc: Service): void {
  const ns = svc.metadata.namespace!;
  if (store.get('endpoints', ns, svc.metadata.name)) store.remove('endpoints', ns, svc.metadata.name);
  for (const s of store.list('endpointslices', ns)) {
    if (s.metadata.ownerReferences?.some((o) => o.uid === svc.metadata.uid)) store.remove('endpointslices', ns, s.metadata.name);
  }
}
