// Which controller serves an Ingress, and the address it publishes in the Ingress's status. Each
// controller serves the Ingresses whose IngressClass names its controller string (ingress-nginx:
// k8s.io/ingress-nginx; Traefik: traefik.io/ingress-controller), plus, for nginx, the legacy
// `kubernetes.io/ingress.class: nginx` annotation. A class-less Ingress is ignored: both default
// to not watching Ingresses without a class. Bare-metal installs publish the InternalIP of the
// nodes running the controller, or the controller Service's load-balancer address when it has one.

import type { ObjectStore } from './object-store';
import type { Ingress, IngressClass, Pod } from '../kube/types';
import { parseImageRef } from './images';
import { mapSelectorMatches } from '../kube/label-selector';

export type IngressControllerKind = 'nginx' | 'traefik';

export interface IngressControllerInfo {
  kind: IngressControllerKind;
  /** IngressClass spec.controller. */
  controller: string;
  image: string;
  className: string;
  namespace: string;
  /** The controller's Service and the name of its plain-HTTP port. */
  service: string;
  httpPort: string;
}

export const INGRESS_CONTROLLERS: Record<IngressControllerKind, IngressControllerInfo> = {
  nginx: { kind: 'nginx', controller: 'k8s.io/ingress-nginx', image: 'registry.k8s.io/ingress-nginx/controller', className: 'nginx', namespace: 'ingress-nginx', service: 'ingress-nginx-controller', httpPort: 'http' },
  traefik: { kind: 'traefik', controller: 'traefik.io/ingress-controller', image: 'docker.io/library/traefik', className: 'traefik', namespace: 'traefik', service: 'traefik', httpPort: 'web' },
};

export const NGINX_CONTROLLER = INGRESS_CONTROLLERS.nginx.controller;
export const NGINX_CONTROLLER_IMAGE = INGRESS_CONTROLLERS.nginx.image;

/** The controller string of the class that governs this Ingress, or undefined when no class does. */
export function ingressController(ingress: Ingress, classes: readonly IngressClass[]): string | undefined {
  const name = ingress.spec.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (!name) return undefined;
  const cls = classes.find((c) => c.metadata.name === name);
  if (cls) return cls.spec.controller;
  // The legacy annotation names the class ingress-nginx was started with, even without an IngressClass object.
  return ingress.metadata.annotations?.['kubernetes.io/ingress.class'] === 'nginx' ? NGINX_CONTROLLER : undefined;
}

/** Which ingress controller this pod runs, judging by its image, if any. */
export function ingressControllerOf(pod: Pod): IngressControllerInfo | undefined {
  for (const c of pod.spec.containers) {
    const repository = parseImageRef(c.image)?.repository;
    const found = Object.values(INGRESS_CONTROLLERS).find((i) => i.image === repository);
    if (found) return found;
  }
  return undefined;
}

export function isIngressControllerPod(pod: Pod): boolean {
  return ingressControllerOf(pod) !== undefined;
}

/** Sets each served Ingress's status address; returns true when anything changed. */
export function syncIngressStatus(store: ObjectStore): boolean {
  const ingresses = store.list('ingresses');
  if (ingresses.length === 0) return false;
  const running = store.list('pods').filter((p) => p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
  const addressesBy = new Map<string, string[]>();
  for (const info of Object.values(INGRESS_CONTROLLERS)) {
    const controllers = running.filter((p) => ingressControllerOf(p) === info);
    if (controllers.length === 0) continue;
    const lb = store.list('services').find((s) => s.spec.type === 'LoadBalancer' && s.status.loadBalancer.ingress?.length && controllers.some((p) => selects(s.spec.selector, p.metadata.labels)));
    addressesBy.set(info.controller, lb
      ? lb.status.loadBalancer.ingress!.map((i) => i.ip)
      : [...new Set(controllers.map((p) => store.get('nodes', undefined, p.spec.nodeName ?? '')?.status.addresses.find((a) => a.type === 'InternalIP')?.address).filter((a): a is string => !!a))].sort());
  }
  const classes = store.list('ingressclasses');
  let changed = false;
  for (const ing of ingresses) {
    const controller = ingressController(ing, classes);
    const addresses = controller ? addressesBy.get(controller) : undefined;
    const want = addresses?.map((ip) => ({ ip }));
    if (JSON.stringify(ing.status.loadBalancer.ingress) === JSON.stringify(want)) continue;
    ing.status = { loadBalancer: want ? { ingress: want } : {} };
    store.touch(ing);
    changed = true;
  }
  return changed;
}

/** A Service selector picks a pod; an empty one picks none. */
function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return !!selector && Object.keys(selector).length > 0 && mapSelectorMatches(selector, labels);
}
