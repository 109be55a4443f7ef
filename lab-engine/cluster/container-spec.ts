// A container's probes, resources and env as the API server keeps them: decoded from a manifest
// (the JSON decoder's type checks come in as `readers`, so this module needs nothing from the
// registry), defaulted as pkg/apis/core/v1/defaults.go does (SetDefaults_Probe: timeout 1 s,
// period 10 s, success 1, failure 3; SetDefaults_HTTPGetAction: path `/`, scheme HTTP; the grpc
// service defaults to ""; SetDefaults_EnvVar: fieldRef apiVersion v1; SetDefaults_Pod: a limit
// with no request gives the request), and copied between templates, requests and pods.
// Quantities are kept as the manifest wrote them.

import type { EnvVar, IntOrString, Lifecycle, LifecycleHandler, Probe, ResourceRequirements } from '../kube/types';

/** The fields this module owns on a container request, a template's container and a pod's container. */
export interface ContainerSpecExtras {
  env?: EnvVar[];
  resources?: ResourceRequirements;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  /** postStart and preStop hooks: the preStop one delays SIGTERM (lifecycle/termination-timing.ts). */
  lifecycle?: Lifecycle;
}

export const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeField = (typeof PROBE_KINDS)[number];

type Obj = Record<string, unknown>;

/** The JSON decoder's readers (registry/decode.ts), which throw its TypeMismatch. */
export interface JsonReaders {
  obj(v: unknown, field: string): Obj | undefined;
  arr(v: unknown, field: string): unknown[] | undefined;
  str(v: unknown, field: string): string | undefined;
  num(v: unknown, field: string): number | undefined;
}

/** Decodes `env`, `resources` and the three probes of one container object. */
export function decodeContainerExtras(c: Obj, r: JsonReaders): ContainerSpecExtras {
  const out: ContainerSpecExtras = {};
  const env = r.arr(c.env, 'Container.env')?.map((e) => decodeEnv(r.obj(e, 'Container.env') ?? {}, r));
  if (env) out.env = env;
  const resources = r.obj(c.resources, 'Container.resources');
  if (resources) {
    const limits = quantities(r.obj(resources.limits, 'ResourceRequirements.limits'));
    const requests = quantities(r.obj(resources.requests, 'ResourceRequirements.requests'));
    out.resources = { ...(limits ? { limits } : {}), ...(requests ? { requests } : {}) };
  }
  for (const field of PROBE_KINDS) {
    const p = r.obj(c[field], `Container.${field}`);
    if (p) out[field] = decodeProbe(p, r);
  }
  const lifecycle = r.obj(c.lifecycle, 'Container.lifecycle');
  if (lifecycle) out.lifecycle = decodeLifecycle(lifecycle, r);
  return out;
}

function decodeLifecycle(l: Obj, r: JsonReaders): Lifecycle {
  const out: Lifecycle = {};
  for (const key of ['postStart', 'preStop'] as const) {
    const h = r.obj(l[key], `Lifecycle.${key}`);
    if (h) out[key] = decodeHandler(h, r);
  }
  return out;
}

function decodeHandler(h: Obj, r: JsonReaders): LifecycleHandler {
  const out: LifecycleHandler = {};
  const exec = r.obj(h.exec, 'LifecycleHandler.exec');
  if (exec) out.exec = { ...(exec.command !== undefined ? { command: (r.arr(exec.command, 'ExecAction.command') ?? []).map(String) } : {}) };
  const http = r.obj(h.httpGet, 'LifecycleHandler.httpGet');
  if (http) out.httpGet = { path: r.str(http.path, 'HTTPGetAction.path') || '/', port: intOrString(http.port), ...(http.host ? { host: String(http.host) } : {}), scheme: (r.str(http.scheme, 'HTTPGetAction.scheme') as 'HTTP' | 'HTTPS' | undefined) || 'HTTP' };
  const tcp = r.obj(h.tcpSocket, 'LifecycleHandler.tcpSocket');
  if (tcp) out.tcpSocket = { port: intOrString(tcp.port), ...(tcp.host ? { host: String(tcp.host) } : {}) };
  const sleep = r.obj(h.sleep, 'LifecycleHandler.sleep');
  if (sleep) out.sleep = { seconds: r.num(sleep.seconds, 'SleepAction.seconds') ?? 0 };
  return out;
}

function quantities(o: Obj | undefined): Record<string, string> | undefined {
  if (!o) return undefined;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
}

function decodeEnv(e: Obj, r: JsonReaders): EnvVar {
  const out: EnvVar = { name: r.str(e.name, 'EnvVar.name') ?? '' };
  if (e.value !== undefined && e.value !== null) out.value = String(e.value);
  const from = r.obj(e.valueFrom, 'EnvVar.valueFrom');
  if (from) {
    const ref = (key: string) => r.obj(from[key], `EnvVarSource.${key}`);
    const valueFrom: NonNullable<EnvVar['valueFrom']> = {};
    const field = ref('fieldRef');
    if (field) valueFrom.fieldRef = { ...(field.apiVersion ? { apiVersion: r.str(field.apiVersion, 'ObjectFieldSelector.apiVersion') } : {}), fieldPath: r.str(field.fieldPath, 'ObjectFieldSelector.fieldPath') ?? '' };
    const resource = ref('resourceFieldRef');
    if (resource) valueFrom.resourceFieldRef = { ...(resource.containerName ? { containerName: String(resource.containerName) } : {}), resource: r.str(resource.resource, 'ResourceFieldSelector.resource') ?? '', ...(resource.divisor !== undefined ? { divisor: String(resource.divisor) } : {}) };
    for (const key of ['configMapKeyRef', 'secretKeyRef'] as const) {
      const k = ref(key);
      if (k) valueFrom[key] = { key: r.str(k.key, `${key}.key`) ?? '', name: r.str(k.name, `${key}.name`) ?? '', ...(typeof k.optional === 'boolean' ? { optional: k.optional } : {}) };
    }
    out.valueFrom = valueFrom;
  }
  return out;
}

function intOrString(v: unknown): IntOrString {
  return typeof v === 'number' ? v : typeof v === 'string' ? v : 0;
}

function decodeProbe(p: Obj, r: JsonReaders): Probe {
  const probe: Partial<Probe> = {};
  const exec = r.obj(p.exec, 'Probe.exec');
  if (exec) probe.exec = { ...(exec.command !== undefined ? { command: (r.arr(exec.command, 'ExecAction.command') ?? []).map(String) } : {}) };
  const http = r.obj(p.httpGet, 'Probe.httpGet');
  if (http) {
    const headers = r.arr(http.httpHeaders, 'HTTPGetAction.httpHeaders')?.map((h) => {
      const ho = r.obj(h, 'HTTPGetAction.httpHeaders') ?? {};
      return { name: r.str(ho.name, 'HTTPHeader.name') ?? '', value: r.str(ho.value, 'HTTPHeader.value') ?? '' };
    });
    const host = r.str(http.host, 'HTTPGetAction.host');
    probe.httpGet = {
      ...(host ? { host } : {}),
      ...(headers ? { httpHeaders: headers } : {}),
      path: r.str(http.path, 'HTTPGetAction.path') ?? '',
      port: intOrString(http.port),
      ...(http.scheme !== undefined ? { scheme: r.str(http.scheme, 'HTTPGetAction.scheme') as 'HTTP' } : {}),
    };
  }
  const tcp = r.obj(p.tcpSocket, 'Probe.tcpSocket');
  if (tcp) probe.tcpSocket = { ...(tcp.host ? { host: String(tcp.host) } : {}), port: intOrString(tcp.port) };
  const grpc = r.obj(p.grpc, 'Probe.grpc');
  if (grpc) probe.grpc = { port: r.num(grpc.port, 'GRPCAction.port') ?? 0, ...(grpc.service !== undefined ? { service: r.str(grpc.service, 'GRPCAction.service') ?? '' } : {}) };
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'] as const) {
    const n = r.num(p[key], `Probe.${key}`);
    if (n !== undefined) probe[key] = n;
  }
  return probe as Probe;
}

/** SetDefaults_Probe and its actions' defaults; idempotent, so a stored probe passes through unchanged. */
export function defaultProbe(p: Probe): Probe {
  const out: Probe = {
    ...(p.exec ? { exec: { ...p.exec, ...(p.exec.command ? { command: [...p.exec.command] } : {}) } } : {}),
    ...(p.httpGet ? { httpGet: { ...p.httpGet, path: p.httpGet.path || '/', scheme: p.httpGet.scheme || 'HTTP', ...(p.httpGet.httpHeaders ? { httpHeaders: p.httpGet.httpHeaders.map((h) => ({ ...h })) } : {}) } } : {}),
    ...(p.tcpSocket ? { tcpSocket: { ...p.tcpSocket } } : {}),
    ...(p.grpc ? { grpc: { port: p.grpc.port, service: p.grpc.service ?? '' } } : {}),
    ...(p.initialDelaySeconds ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
    timeoutSeconds: p.timeoutSeconds || 1,
    periodSeconds: p.periodSeconds || 10,
    successThreshold: p.successThreshold || 1,
    failureThreshold: p.failureThreshold || 3,
    ...(p.terminationGracePeriodSeconds !== undefined ? { terminationGracePeriodSeconds: p.terminationGracePeriodSeconds } : {}),
  };
  return out;
}

/** SetDefaults_Pod: each limit without a request gives its request (on a Pod only: a PodTemplate keeps what it says). */
export function defaultResources(r: ResourceRequirements | undefined, target: 'pod' | 'template'): ResourceRequirements {
  if (!r) return {};
  const limits = r.limits && Object.keys(r.limits).length ? { ...r.limits } : undefined;
  const requests = { ...(target === 'pod' ? (limits ?? {}) : {}), ...(r.requests ?? {}) };
  return { ...(limits ? { limits } : {}), ...(Object.keys(requests).length ? { requests } : {}) };
}

function defaultEnv(e: EnvVar): EnvVar {
  const field = e.valueFrom?.fieldRef;
  return {
    name: e.name,
    ...(e.value !== undefined && e.value !== '' ? { value: e.value } : {}),
    ...(e.valueFrom ? { valueFrom: structuredClone({ ...e.valueFrom, ...(field ? { fieldRef: { apiVersion: field.apiVersion || 'v1', fieldPath: field.fieldPath } } : {}) }) } : {}),
  };
}

/** The extras of `c`, defaulted and deep-copied, for a stored container (resources always present, as the API stores `{}`). */
export function defaultedExtras(c: ContainerSpecExtras, target: 'pod' | 'template'): ContainerSpecExtras & { resources: ResourceRequirements } {
  const out: ContainerSpecExtras & { resources: ResourceRequirements } = { resources: defaultResources(c.resources, target) };
  if (c.env?.length) out.env = c.env.map(defaultEnv);
  for (const field of PROBE_KINDS) {
    const p = c[field];
    if (p) out[field] = defaultProbe(p);
  }
  if (c.lifecycle) out.lifecycle = structuredClone(c.lifecycle);
  return out;
}

/** A deep copy of the extras `c` carries, for moving them between a template, a request and a pod. */
export function copyExtras(c: ContainerSpecExtras): ContainerSpecExtras {
  const out: ContainerSpecExtras = {};
  if (c.env) out.env = structuredClone(c.env);
  if (c.resources && (c.resources.limits || c.resources.requests)) out.resources = structuredClone(c.resources);
  for (const field of PROBE_KINDS) if (c[field]) out[field] = structuredClone(c[field]);
  if (c.lifecycle) out.lifecycle = structuredClone(c.lifecycle);
  return out;
}
