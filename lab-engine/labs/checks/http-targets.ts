// Where an `http` check dials, read from the model the way a learner would find it: the ingress
// controller's load-balancer address or a node's NodePort, a Service's ClusterIP, a node's
// InternalIP with a NodePort (given, or the named Service's), every node's (`nodes: all`), or a
// LoadBalancer Service's `status.loadBalancer.ingress` address with the Service port. A target the
// model cannot give (no such node, a ClusterIP Service asked for its nodePort, an EXTERNAL-IP still
// `<pending>`) is an error that says so in kubectl's words.

import type { ClusterView, ObjectOf, Simulation } from '../../simulation/contract';
import type { HttpCheck } from '../schema';
import { INGRESS_CONTROLLERS } from '../../cluster/ingress-status';

/** One address to dial; `node` names the node whose InternalIP it is, for node targets. */
export interface HttpTarget {
  ip: string;
  port: number;
  node?: string;
}

/**
 * Where to send, or why there is nowhere to: `error` is the learner's cluster state (no such
 * Service yet, EXTERNAL-IP <pending>...); `authoring` marks a lab that cannot work as written.
 */
export type HttpTargets = { targets: HttpTarget[]; every: boolean } | Unresolved;

type Unresolved = { error: string; authoring?: true };

/** The controller Services' TLS port names (ingress-nginx-install.ts, traefik-install.ts). */
const TLS_PORT_NAMES = { nginx: 'https', traefik: 'websecure' } as const;

type Service = ObjectOf<'services'>;
type ServicePort = NonNullable<Service['spec']['ports']>[number];

export function httpTargetsOf(check: HttpCheck, sim: Simulation): HttpTargets {
  const { to } = check;
  const view = sim.view();
  const one = (target: HttpTarget | Unresolved): HttpTargets => ('error' in target ? target : { targets: [target], every: false });
  if (to.ingress) return one(ingressTarget(to.ingress, view, check.scheme === 'https'));
  if (to.loadBalancer !== undefined) return one(loadBalancerTarget(view, to.namespace ?? 'default', to.loadBalancer, to.port));
  if (to.node !== undefined || to.nodes !== undefined) return nodeTargets(view, to);
  return one(clusterIPTarget(view, to.namespace ?? 'default', to.service!, to.port!));
}

function ingressTarget(kind: 'nginx' | 'traefik', view: ClusterView, https: boolean): HttpTarget | Unresolved {
  const controller = INGRESS_CONTROLLERS[kind];
  const svc = view.get('services', controller.namespace, controller.service);
  if (!svc) return { error: `this lab has no ${kind} ingress controller (topology.ingress: ${kind} installs one)`, authoring: true };
  const lb = svc.status?.loadBalancer?.ingress?.[0]?.ip;
  const portName = https ? TLS_PORT_NAMES[kind] : controller.httpPort;
  const http = svc.spec.ports?.find((p) => p.name === portName);
  if (lb && http) return { ip: lb, port: http.port };
  const nodes = view.list('nodes');
  const worker = nodes.find((n) => n.metadata.name !== 'control-plane') ?? nodes.at(0);
  const ip = worker && internalIP(worker);
  if (!ip || !http?.nodePort) return { error: `the ingress controller Service has no NodePort for ${https ? 'https' : 'http'}` };
  return { ip, port: http.nodePort };
}

function clusterIPTarget(view: ClusterView, namespace: string, name: string, port: number): HttpTarget | Unresolved {
  const svc = view.get('services', namespace, name);
  if (!svc) return { error: `there is no Service ${namespace}/${name} yet` };
  if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None') return { error: `Service ${namespace}/${name} has no ClusterIP` };
  return { ip: svc.spec.clusterIP, port };
}

function loadBalancerTarget(view: ClusterView, namespace: string, name: string, port: number | undefined): HttpTarget | Unresolved {
  const svc = view.get('services', namespace, name);
  if (!svc) return { error: `there is no Service ${namespace}/${name} yet` };
  if (svc.spec.type !== 'LoadBalancer') return { error: `Service ${namespace}/${name} is of type ${svc.spec.type}, not LoadBalancer: it has no external load-balancer address` };
  const ip = svc.status.loadBalancer.ingress?.find((i) => i.ip)?.ip;
  if (!ip) return { error: `Service ${namespace}/${name} has no external IP yet (kubectl get svc shows EXTERNAL-IP <pending>): no load balancer has given it an address` };
  const picked = servicePort(svc, port);
  return 'error' in picked ? picked : { ip, port: picked.port };
}

function nodeTargets(view: ClusterView, to: HttpCheck['to']): HttpTargets {
  const nodes = to.nodes === 'all' ? view.list('nodes') : [view.get('nodes', undefined, to.node!)].filter((n) => n !== undefined);
  if (nodes.length === 0) return { error: to.node === undefined ? 'the cluster has no nodes' : `there is no node ${to.node} (kubectl get nodes lists ${view.list('nodes').map((n) => n.metadata.name).join(', ')})` };
  const port = to.nodePort ?? nodePortOf(view, to.namespace ?? 'default', to.service!, to.port);
  if (typeof port !== 'number') return port;
  const targets: HttpTarget[] = [];
  for (const node of nodes) {
    const ip = internalIP(node);
    if (!ip) return { error: `node ${node.metadata.name} has no InternalIP` };
    targets.push({ ip, port, node: node.metadata.name });
  }
  return { targets, every: to.nodes === 'all' };
}

function nodePortOf(view: ClusterView, namespace: string, name: string, port: number | undefined): number | { error: string } {
  const svc = view.get('services', namespace, name);
  if (!svc) return { error: `there is no Service ${namespace}/${name} yet` };
  const picked = servicePort(svc, port);
  if ('error' in picked) return picked;
  if (!picked.nodePort) return { error: `Service ${namespace}/${name} is of type ${svc.spec.type}: it has no nodePort, so no node listens for it` };
  return picked.nodePort;
}

/** The Service port `port` names, or its only (first) one, as `curl` to the Service's address would use. */
function servicePort(svc: Service, port: number | undefined): ServicePort | { error: string } {
  const ports = svc.spec.ports ?? [];
  const ref = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}`;
  const picked = port === undefined ? ports[0] : ports.find((p) => p.port === port);
  if (picked) return picked;
  return { error: port === undefined ? `Service ${ref} has no ports` : `Service ${ref} has no port ${port} (its ports: ${ports.map((p) => p.port).join(', ') || 'none'})` };
}

function internalIP(node: ObjectOf<'nodes'>): string | undefined {
  return node.status.addresses.find((a) => a.type === 'InternalIP')?.address;
}
