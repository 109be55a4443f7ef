// Create-time validation of a container's probes, resources and env with the API server's own
// field paths and texts (pkg/apis/core/validation: validateProbe/validateHandler,
// validateContainers' successThreshold rule, ValidateResourceRequirements, validateEnv), and the
// QoS class the server computes for a pod (pkg/apis/core/helper/qos GetPodQOS).

import type { StatusCause } from '../kube/api-errors';
import type { Probe, ResourceRequirements } from '../kube/types';
import { PROBE_KINDS, type ContainerSpecExtras } from './container-spec';

const FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Field errors for one container's extras (already defaulted), under `path` (`spec.containers[0]`). */
export function validateContainerExtras(c: ContainerSpecExtras, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  (c.env ?? []).forEach((e, i) => causes.push(...validateEnvVar(e, `${path}.env[${i}]`)));
  causes.push(...validateResources(c.resources ?? {}, `${path}.resources`));
  for (const field of PROBE_KINDS) {
    const p = c[field];
    if (!p) continue;
    causes.push(...validateProbe(p, `${path}.${field}`));
    if (field !== 'readinessProbe' && p.successThreshold !== 1) causes.push({ field: `${path}.${field}.successThreshold`, message: `Invalid value: ${p.successThreshold}: must be 1` });
    if (field === 'readinessProbe' && p.terminationGracePeriodSeconds !== undefined) causes.push({ field: `${path}.${field}.terminationGracePeriodSeconds`, message: 'Invalid value: ' + p.terminationGracePeriodSeconds + ': must not be set for readinessProbes' });
  }
  return causes;
}

function validateProbe(p: Probe, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const handlers = (['exec', 'httpGet', 'tcpSocket', 'grpc'] as const).filter((h) => p[h] !== undefined);
  if (handlers.length === 0) causes.push({ field: path, message: 'Required value: must specify a handler type' });
  for (const extra of handlers.slice(1)) causes.push({ field: `${path}.${extra}`, message: 'Forbidden: may not specify more than 1 handler type' });
  const first = handlers[0];
  if (first === 'exec' && !(p.exec?.command?.length)) causes.push({ field: `${path}.exec.command`, message: 'Required value' });
  if (first === 'httpGet') {
    causes.push(...validatePortNumOrName(p.httpGet!.port, `${path}.httpGet.port`));
    const scheme = p.httpGet!.scheme;
    if (scheme !== 'HTTP' && scheme !== 'HTTPS') causes.push({ field: `${path}.httpGet.scheme`, message: `Unsupported value: "${String(scheme)}": supported values: "HTTP", "HTTPS"` });
  }
  if (first === 'tcpSocket') causes.push(...validatePortNumOrName(p.tcpSocket!.port, `${path}.tcpSocket.port`));
  if (first === 'grpc' && !(p.grpc!.port >= 1 && p.grpc!.port <= 65535)) causes.push({ field: `${path}.grpc.port`, message: `Invalid value: ${p.grpc!.port}: must be between 1 and 65535, inclusive` });
  for (const key of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const) {
    const v = p[key];
    if (v !== undefined && v < 0) causes.push({ field: `${path}.${key}`, message: `Invalid value: ${v}: must be greater than or equal to 0` });
  }
  return causes;
}

/** ValidatePortNumOrName: 1-65535, or an IANA service name of at most 15 characters with a letter. */
function validatePortNumOrName(port: number | string, field: string): StatusCause[] {
  if (typeof port === 'number') return port >= 1 && port <= 65535 ? [] : [{ field, message: `Invalid value: ${port}: must be between 1 and 65535, inclusive` }];
  if (port.length > 15) return [{ field, message: `Invalid value: "${port}": must be no more than 15 characters` }];
  if (!IANA_SVC_NAME.test(port)) return [{ field, message: `Invalid value: "${port}": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)` }];
  if (!/[a-z]/.test(port)) return [{ field, message: `Invalid value: "${port}": must contain at least one letter (a-z)` }];
  return [];
}

function validateEnvVar(e: NonNullable<ContainerSpecExtras['env']>[number], path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!e.name) causes.push({ field: `${path}.name`, message: 'Required value' });
  const from = e.valueFrom;
  if (!from) return causes;
  const sources = (['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const).filter((k) => from[k]);
  if (e.value) causes.push({ field: `${path}.valueFrom`, message: 'Invalid value: "": may not be specified when `value` is not empty' });
  if (sources.length === 0) causes.push({ field: `${path}.valueFrom`, message: 'Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`' });
  if (sources.length > 1) causes.push({ field: `${path}.valueFrom`, message: 'Invalid value: "": may not have more than one field specified at a time' });
  const fieldPath = from.fieldRef?.fieldPath;
  if (fieldPath !== undefined) {
    const base = fieldPath.replace(/\[.*\]$/, '');
    if (!fieldPath) causes.push({ field: `${path}.valueFrom.fieldRef.fieldPath`, message: 'Required value' });
    else if (!FIELD_PATHS.includes(base)) causes.push({ field: `${path}.valueFrom.fieldRef.fieldPath`, message: `Unsupported value: "${fieldPath}": supported values: ${FIELD_PATHS.filter((f) => !f.startsWith('metadata.a') && f !== 'metadata.labels').map((f) => `"${f}"`).join(', ')}` });
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef'] as const) {
    const ref = from[key];
    if (!ref) continue;
    if (!ref.key) causes.push({ field: `${path}.valueFrom.${key}.key`, message: 'Required value' });
    if (!ref.name) causes.push({ field: `${path}.valueFrom.${key}.name`, message: 'Required value' });
  }
  return causes;
}

function validateResources(r: ResourceRequirements, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const [kind, list] of [['limits', r.limits], ['requests', r.requests]] as const) {
    for (const [name, q] of Object.entries(list ?? {})) {
      if (parseQuantity(q) === undefined) causes.push({ field: `${path}.${kind}[${name}]`, message: `Invalid value: "${q}": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'` });
    }
  }
  for (const [name, request] of Object.entries(r.requests ?? {})) {
    const limit = r.limits?.[name];
    if (limit === undefined) continue;
    const rq = parseQuantity(request);
    const lq = parseQuantity(limit);
    if (rq !== undefined && lq !== undefined && rq > lq) causes.push({ field: `${path}.requests[${name}]`, message: `Invalid value: "${request}": must be less than or equal to ${name} limit of ${limit}` });
  }
  return causes;
}

const SUFFIX: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** resource.Quantity's value, as a float (enough to compare a request with its limit); undefined when it does not parse. */
export function parseQuantity(q: string): number | undefined {
  const m = /^([+-]?[0-9.]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][-+]?[0-9]+)?$/.exec(q);
  if (!m || Number.isNaN(Number(m[1]))) return undefined;
  const suffix = m[2] ?? '';
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return Number(m[1]) * factor;
}

/** GetPodQOS: Guaranteed when every container limits and requests cpu and memory equally, BestEffort when none asks for anything, else Burstable. */
export function podQosClass(containers: readonly { resources: ResourceRequirements }[]): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const any = containers.some((c) => Object.keys(c.resources.requests ?? {}).length || Object.keys(c.resources.limits ?? {}).length);
  if (!any) return 'BestEffort';
  const guaranteed = containers.every((c) =>
    ['cpu', 'memory'].every((name) => {
      const limit = c.resources.limits?.[name];
      const request = c.resources.requests?.[name];
      return limit !== undefined && request !== undefined && parseQuantity(limit) === parseQuantity(request);
    }),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
