// From a decoded manifest object to the cluster's admission requests. The API server would refuse
// a value of the wrong JSON type while decoding (`cannot unmarshal string into Go struct field
// ...`); these readers do the same through TypeMismatch, which apply turns into kubectl's message.

import type { ContainerRequest, PodRequest } from '../../../cluster/pod-admission';
import type { DeploymentRequest, TemplateRequest } from '../../../cluster/workload-admission';
import type { ServiceRequest } from '../../../cluster/service-admission';
import type { NetworkPolicyRequest } from '../../../cluster/network-policy-admission';
import type { LabelSelector } from '../../../kube/types';

export class TypeMismatch extends Error {
  constructor(
    readonly field: string,
    readonly got: string,
    readonly goType: string,
  ) {
    super(`json: cannot unmarshal ${got} into Go struct field ${field} of type ${goType}`);
  }
}

export type Obj = Record<string, unknown>;

export function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v;
}

export function obj(v: unknown, field: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new TypeMismatch(field, jsonType(v), 'object');
  return v as Obj;
}

export function arr(v: unknown, field: string): unknown[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new TypeMismatch(field, jsonType(v), 'array');
  return v;
}

export function str(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new TypeMismatch(field, jsonType(v), 'string');
  return v;
}

export function num(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeMismatch(field, jsonType(v), 'int32');
  return v;
}

/** A map of strings; `containerType` is the Go type the decoder names when the value is not an object. */
export function strMap(v: unknown, field: string, containerType = 'object'): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new TypeMismatch(field, jsonType(v), containerType);
  const o = v as Obj;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(o)) {
    if (typeof val !== 'string') throw new TypeMismatch(`${field}`, jsonType(val), 'string');
    out[k] = val;
  }
  return out;
}

function strList(v: unknown, field: string): string[] | undefined {
  return arr(v, field)?.map((x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : (str(x, field) as string)));
}

export interface ObjectMetaRequest {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export function metaOf(o: Obj, namespace: string): ObjectMetaRequest {
  const m = obj(o.metadata, 'ObjectMeta') ?? {};
  const labels = strMap(m.labels, 'ObjectMeta.labels');
  const annotations = strMap(m.annotations, 'ObjectMeta.annotations');
  return { name: str(m.name, 'ObjectMeta.name') ?? '', namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) };
}

function container(v: unknown, i: number): ContainerRequest {
  const c = obj(v, `PodSpec.containers`) ?? {};
  const ports = arr(c.ports, 'Container.ports')?.map((p) => {
    const po = obj(p, 'Container.ports') ?? {};
    const protocol = str(po.protocol, 'ContainerPort.protocol');
    const name = str(po.name, 'ContainerPort.name');
    return { containerPort: num(po.containerPort, 'ContainerPort.containerPort') ?? 0, ...(protocol ? { protocol: protocol as 'TCP' } : {}), ...(name ? { name } : {}) };
  });
  const env = arr(c.env, 'Container.env')?.map((e) => {
    const eo = obj(e, 'Container.env') ?? {};
    return { name: str(eo.name, 'EnvVar.name') ?? '', value: String(eo.value ?? '') };
  });
  const command = strList(c.command, 'Container.command');
  const args = strList(c.args, 'Container.args');
  const pull = str(c.imagePullPolicy, 'Container.imagePullPolicy');
  return {
    name: str(c.name, 'Container.name') ?? (i === 0 ? '' : ''),
    image: str(c.image, 'Container.image') ?? '',
    ...(ports ? { ports } : {}),
    ...(env ? { env } : {}),
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    ...(pull ? { imagePullPolicy: pull as ContainerRequest['imagePullPolicy'] } : {}),
  };
}

function podSpecFields(spec: Obj): Omit<TemplateRequest, 'labels' | 'annotations'> & { nodeName?: string } {
  const containers = (arr(spec.containers, 'PodSpec.containers') ?? []).map(container);
  const restartPolicy = str(spec.restartPolicy, 'PodSpec.restartPolicy');
  const nodeName = str(spec.nodeName, 'PodSpec.nodeName');
  const nodeSelector = strMap(spec.nodeSelector, 'PodSpec.nodeSelector');
  const grace = num(spec.terminationGracePeriodSeconds, 'PodSpec.terminationGracePeriodSeconds');
  const hostNetwork = spec.hostNetwork === true;
  const dnsPolicy = str(spec.dnsPolicy, 'PodSpec.dnsPolicy');
  const hostname = str(spec.hostname, 'PodSpec.hostname');
  const subdomain = str(spec.subdomain, 'PodSpec.subdomain');
  return {
    containers,
    ...(restartPolicy ? { restartPolicy: restartPolicy as TemplateRequest['restartPolicy'] } : {}),
    ...(nodeName ? { nodeName } : {}),
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}),
    ...(hostNetwork ? { hostNetwork } : {}),
    ...(dnsPolicy ? { dnsPolicy } : {}),
    ...(hostname ? { hostname } : {}),
    ...(subdomain ? { subdomain } : {}),
  };
}

export function podRequest(o: Obj, namespace: string): PodRequest {
  const meta = metaOf(o, namespace);
  const { dnsPolicy: _dns, ...spec } = podSpecFields(obj(o.spec, 'Pod.spec') ?? {});
  return { ...meta, ...spec };
}

function selectorOf(v: unknown, field: string): LabelSelector | undefined {
  const s = obj(v, field);
  if (!s) return undefined;
  const matchLabels = strMap(s.matchLabels, `${field}.matchLabels`);
  const matchExpressions = arr(s.matchExpressions, `${field}.matchExpressions`) as LabelSelector['matchExpressions'];
  return { ...(matchLabels ? { matchLabels } : {}), ...(matchExpressions ? { matchExpressions } : {}) };
}

export function deploymentRequest(o: Obj, namespace: string): DeploymentRequest {
  const meta = metaOf(o, namespace);
  const spec = obj(o.spec, 'Deployment.spec') ?? {};
  const template = obj(spec.template, 'DeploymentSpec.template') ?? {};
  const tmeta = obj(template.metadata, 'PodTemplateSpec.metadata') ?? {};
  const { nodeName: _n, ...tspec } = podSpecFields(obj(template.spec, 'PodTemplateSpec.spec') ?? {});
  const labels = strMap(tmeta.labels, 'ObjectMeta.labels');
  const annotations = strMap(tmeta.annotations, 'ObjectMeta.annotations');
  const replicas = num(spec.replicas, 'DeploymentSpec.replicas');
  const selector = selectorOf(spec.selector, 'DeploymentSpec.selector');
  return {
    ...meta,
    ...(replicas !== undefined ? { replicas } : {}),
    ...(selector ? { selector } : {}),
    template: { ...tspec, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
  };
}

export function serviceRequest(o: Obj, namespace: string): ServiceRequest {
  const meta = metaOf(o, namespace);
  const spec = obj(o.spec, 'Service.spec') ?? {};
  const ports = arr(spec.ports, 'ServiceSpec.ports')?.map((p) => {
    const po = obj(p, 'ServiceSpec.ports') ?? {};
    const tp = po.targetPort;
    const name = str(po.name, 'ServicePort.name');
    const protocol = str(po.protocol, 'ServicePort.protocol');
    const nodePort = num(po.nodePort, 'ServicePort.nodePort');
    return {
      port: num(po.port, 'ServicePort.port') ?? 0,
      ...(name ? { name } : {}),
      ...(protocol ? { protocol: protocol as 'TCP' } : {}),
      ...(tp !== undefined && tp !== null ? { targetPort: typeof tp === 'number' ? tp : (str(tp, 'ServicePort.targetPort') as string) } : {}),
      ...(nodePort !== undefined ? { nodePort } : {}),
    };
  });
  const pick = <K extends keyof ServiceRequest>(key: K, v: ServiceRequest[K] | undefined) => (v !== undefined ? { [key]: v } : {});
  const affinity = obj(obj(spec.sessionAffinityConfig, 'ServiceSpec.sessionAffinityConfig')?.clientIP, 'SessionAffinityConfig.clientIP');
  return {
    ...meta,
    ...pick('type', str(spec.type, 'ServiceSpec.type') as ServiceRequest['type']),
    ...pick('selector', strMap(spec.selector, 'ServiceSpec.selector')),
    ...pick('ports', ports),
    ...pick('clusterIP', str(spec.clusterIP, 'ServiceSpec.clusterIP')),
    ...pick('externalName', str(spec.externalName, 'ServiceSpec.externalName')),
    ...pick('externalIPs', strList(spec.externalIPs, 'ServiceSpec.externalIPs')),
    ...pick('externalTrafficPolicy', str(spec.externalTrafficPolicy, 'ServiceSpec.externalTrafficPolicy') as ServiceRequest['externalTrafficPolicy']),
    ...pick('internalTrafficPolicy', str(spec.internalTrafficPolicy, 'ServiceSpec.internalTrafficPolicy') as ServiceRequest['internalTrafficPolicy']),
    ...pick('sessionAffinity', str(spec.sessionAffinity, 'ServiceSpec.sessionAffinity') as ServiceRequest['sessionAffinity']),
    ...pick('sessionAffinityTimeoutSeconds', num(affinity?.timeoutSeconds, 'ClientIPConfig.timeoutSeconds')),
    ...pick('loadBalancerIP', str(spec.loadBalancerIP, 'ServiceSpec.loadBalancerIP')),
    ...pick('publishNotReadyAddresses', spec.publishNotReadyAddresses === true ? true : undefined),
  };
}

export function networkPolicyRequest(o: Obj, namespace: string): NetworkPolicyRequest {
  const meta = metaOf(o, namespace);
  const spec = obj(o.spec, 'NetworkPolicy.spec') ?? {};
  const podSelector = selectorOf(spec.podSelector, 'NetworkPolicySpec.podSelector');
  const rules = (key: 'ingress' | 'egress') => arr(spec[key], `NetworkPolicySpec.${key}`)?.map((r) => obj(r, `NetworkPolicySpec.${key}`) ?? {});
  const ingress = rules('ingress');
  const egress = rules('egress');
  const policyTypes = strList(spec.policyTypes, 'NetworkPolicySpec.policyTypes');
  return {
    ...meta,
    spec: {
      ...(podSelector ? { podSelector } : {}),
      ...(ingress ? { ingress } : {}),
      ...(egress ? { egress } : {}),
      ...(policyTypes ? { policyTypes: policyTypes as ('Ingress' | 'Egress')[] } : {}),
    } as NetworkPolicyRequest['spec'],
  };
}
