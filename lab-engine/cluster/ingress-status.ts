// Which controller serves an Ingress, and the address it publishes in the Ingress's status. The
// nginx controller (k8s.io/ingress-nginx) serves Ingresses whose IngressClass names it, plus
// those with the legacy `kubernetes.io/ingress.class` annotation; a class-less Ingress is
// ignored (ingress-nginx's --watch-ingress-without-class defaults to false). The bare-metal
// install publishes the InternalIP of the nodes running the controller, or the controller
// Service's load-balancer address when it has one.

import type { ObjectStore } from './object-store';
import type { Ingress, IngressClass, Pod } from './types';
import { parseImageRef } from './images';

export const NGINX_CONTROLLER = 'k8s.io/ingress-nginx';
export const NGINX_CONTROLLER_IMAGE = 'registry.k8s.io/ingress-nginx/controller';

/** The controller string of the class that governs this Ingress, or undefined when no class does. */
export function ingressController(ingress: Ingress, classes: readonly IngressClass[]): string | undefined {
  const name = ingress.spec.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (!name) return undefined;
  const cls = classes.find((c) => c.metadata.name === name);
  if (cls) return cls.spec.controller;
  // The legacy annotation names the class ingress-nginx was started with, even without an IngressClass object.
  return ingress.metadata.annotations?.['kubernetes.io/ingress.class'] === 'nginx' ? NGINX_CONTROLLER : undefined;
}

export function isIngressControllerPod(pod: Pod): boolean {
  return pod.spec.containers.some((c) => parseImageRef(c.image)?.repository === NGINX_CONTROLLER_IMAGE);
}

/** Sets each nginx-served Ingress's status address; returns true when anything changed. */
export function syncIngressStatus(store: ObjectStore): boolean {
  const ingresses = store.list('ingresses');
  if (ingresses.length === 0) return false;
  const controllers = store.list('pods').filter((p) => isIngressControllerPod(p) && p.status.phase === 'Running' && !p.metadata.deletionTimestamp);
  const lb = store.list('services').find((s) => s.spec.type === 'LoadBalancer' && s.status.loadBalancer.ingress?.length && controllers.some((p) => matches(s.spec.selector, p.metadata.labels)));
  const addresses = lb
    ? lb.status.loadBalancer.ingress!.map((i) => i.ip)
    : [...new Set(controllers.map((p) => store.get('nodes', undefined, p.spec.nodeName ?? '')?.status.addresses.find((a) => a.type === 'InternalIP')?.address).filter((a): a is string => !!a))].sort();
  const classes = store.list('ingressclasses');
  let changed = false;
  for (const ing of ingresses) {
    const served = ingressController(ing, classes) === NGINX_CONTROLLER && controllers.length > 0;
    const want = served ? addresses.map((ip) => ({ ip })) : undefined;
    if (JSON.stringify(ing.status.loadBalancer.ingress) === JSON.stringify(want)) continue;
    ing.status = { loadBalancer: want ? { ingress: want } : {} };
    store.touch(ing);
    changed = true;
  }
  return changed;
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
