// Decoding a manifest object into a kind's request, as the API server's JSON decoder does: a value
// of the wrong JSON type is refused with encoding/json's `cannot unmarshal string into Go struct
// field ...` (TypeMismatch), which the server answers as BadRequest. The readers here and the pod
// spec decoding are shared by every kind that carries a pod template.

import type { ContainerRequest } from '../pod-admission';
import { decodeContainerExtras } from '../container-spec';
import type { TemplateRequest } from '../workload-admission';
import type { LabelSelector, PodDNSConfig, Toleration } from '../../kube/types';

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

export function strList(v: unknown, field: string): string[] | undefined {
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

export function container(v: unknown, i: number): ContainerRequest {
  const c = obj(v, `PodSpec.containers`) ?? {};
  const ports = arr(c.ports, 'Container.ports')?.map((p) => {
    const po = obj(p, 'Container.ports') ?? {};
    const protocol = str(po.protocol, 'ContainerPort.protocol');
    const name = str(po.name, 'ContainerPort.name');
    return { containerPort: num(po.containerPort, 'ContainerPort.containerPort') ?? 0, ...(protocol ? { protocol: protocol as 'TCP' } : {}), ...(name ? { name } : {}) };
  });
  const command = strList(c.command, 'Container.command');
  const args = strList(c.args, 'Container.args');
  const pull = str(c.imagePullPolicy, 'Container.imagePullPolicy');
  return {
    name: str(c.name, 'Container.name') ?? (i === 0 ? '' : ''),
    image: str(c.image, 'Container.image') ?? '',
    ...(ports ? { ports } : {}),
    ...decodeContainerExtras(c, { obj, arr, str, num }),
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    ...(pull ? { imagePullPolicy: pull as ContainerRequest['imagePullPolicy'] } : {}),
  };
}

export function podSpecFields(spec: Obj): Omit<TemplateRequest, 'labels' | 'annotations'> & { nodeName?: string } {
  const containers = (arr(spec.containers, 'PodSpec.containers') ?? []).map(container);
  const restartPolicy = str(spec.restartPolicy, 'PodSpec.restartPolicy');
  const nodeName = str(spec.nodeName, 'PodSpec.nodeName');
  const nodeSelector = strMap(spec.nodeSelector, 'PodSpec.nodeSelector');
  const grace = num(spec.terminationGracePeriodSeconds, 'PodSpec.terminationGracePeriodSeconds');
  const hostNetwork = spec.hostNetwork === true;
  const dnsPolicy = str(spec.dnsPolicy, 'PodSpec.dnsPolicy');
  const hostname = str(spec.hostname, 'PodSpec.hostname');
  const dnsConfig = podDnsConfig(spec.dnsConfig);
  const subdomain = str(spec.subdomain, 'PodSpec.subdomain');
  const tolerations = arr(spec.tolerations, 'PodSpec.tolerations')?.map((t) => toleration(obj(t, 'PodSpec.tolerations') ?? {}));
  return {
    containers,
    ...(restartPolicy ? { restartPolicy: restartPolicy as TemplateRequest['restartPolicy'] } : {}),
    ...(nodeName ? { nodeName } : {}),
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(grace !== undefined ? { terminationGracePeriodSeconds: grace } : {}),
    ...(hostNetwork ? { hostNetwork } : {}),
    ...(dnsPolicy ? { dnsPolicy } : {}),
    ...(dnsConfig ? { dnsConfig } : {}),
    ...(hostname ? { hostname } : {}),
    ...(subdomain ? { subdomain } : {}),
    // Kept so that a workload read back (`get -o yaml | kubectl apply`, a patch) keeps them: a
    // DaemonSet losing its tolerations would leave every tainted node.
    ...(tolerations ? { tolerations } : {}),
  };
}

function toleration(t: Obj): Toleration {
  const key = str(t.key, 'Toleration.key');
  const operator = str(t.operator, 'Toleration.operator');
  const value = str(t.value, 'Toleration.value');
  const effect = str(t.effect, 'Toleration.effect');
  const seconds = num(t.tolerationSeconds, 'Toleration.tolerationSeconds');
  return {
    ...(key ? { key } : {}),
    ...(operator ? { operator: operator as Toleration['operator'] } : {}),
    ...(value ? { value } : {}),
    ...(effect ? { effect: effect as Toleration['effect'] } : {}),
    ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
  };
}

/** PodDNSConfig: nameservers and searches as strings, options as {name, value}. */
function podDnsConfig(v: unknown): PodDNSConfig | undefined {
  const c = obj(v, 'PodSpec.dnsConfig');
  if (!c) return undefined;
  const strings = (x: unknown, field: string) => arr(x, field)?.map((s, i) => str(s, `${field}[${i}]`) ?? '');
  const nameservers = strings(c.nameservers, 'PodDNSConfig.nameservers');
  const searches = strings(c.searches, 'PodDNSConfig.searches');
  const options = arr(c.options, 'PodDNSConfig.options')?.map((x, i) => {
    const o = obj(x, `PodDNSConfig.options[${i}]`) ?? {};
    const value = str(o.value, 'PodDNSConfigOption.value');
    return { name: str(o.name, 'PodDNSConfigOption.name') ?? '', ...(value !== undefined ? { value } : {}) };
  });
  return { ...(nameservers ? { nameservers } : {}), ...(searches ? { searches } : {}), ...(options ? { options } : {}) };
}

export function selectorOf(v: unknown, field: string): LabelSelector | undefined {
  const s = obj(v, field);
  if (!s) return undefined;
  const matchLabels = strMap(s.matchLabels, `${field}.matchLabels`);
  const matchExpressions = arr(s.matchExpressions, `${field}.matchExpressions`) as LabelSelector['matchExpressions'];
  return { ...(matchLabels ? { matchLabels } : {}), ...(matchExpressions ? { matchExpressions } : {}) };
}
