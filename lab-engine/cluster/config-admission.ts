// ConfigMaps and Secrets through the API server's validation (pkg/apis/core/validation:
// ValidateConfigMap, ValidateSecret and their updates): subdomain names, config keys, the 1 MiB
// cap, kubernetes.io/tls's required keys, `immutable`, and a Secret's type that cannot change.

import { invalid, type StatusCause } from '../kube/api-errors';
import { validateSubdomainName } from './pod-admission';
import type { ConfigMap, Secret } from '../kube/types';

export interface ConfigMapRequest {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

export interface SecretRequest {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  type?: string;
  /** Base64 values. */
  data?: Record<string, string>;
  immutable?: boolean;
}

/** corev1.MaxSecretSize, which ConfigMaps share. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const IMMUTABLE_MESSAGE = 'Forbidden: field is immutable when `immutable` is set';

export const TLS_SECRET = 'kubernetes.io/tls';

function keyCauses(field: string, data: Record<string, string> | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of Object.keys(data ?? {})) {
    if (!CONFIG_KEY.test(key) || key.length > 253) causes.push({ field: `${field}[${key}]`, message: `Invalid value: "${key}": ${CONFIG_KEY_MESSAGE}` });
    else if (key === '.' || key === '..' || key.startsWith('..')) causes.push({ field: `${field}[${key}]`, message: `Invalid value: "${key}": must not be '.' or '..' and must not start with '..'` });
  }
  return causes;
}

function size(data: Record<string, string> | undefined): number {
  return Object.entries(data ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);
}

export function admitConfigMap(req: ConfigMapRequest, old: ConfigMap | undefined, uid: string, created: string): ConfigMap {
  const causes = [...validateSubdomainName(req.name), ...keyCauses('data', req.data), ...keyCauses('binaryData', req.binaryData)];
  for (const key of Object.keys(req.data ?? {})) {
    if (req.binaryData && Object.hasOwn(req.binaryData, key)) causes.push({ field: `data[${key}]`, message: `Invalid value: "${key}": duplicate of key present in binaryData` });
  }
  if (size(req.data) + size(req.binaryData) > MAX_CONFIG_BYTES) causes.push({ field: 'data', message: `Too long: must have at most ${MAX_CONFIG_BYTES} bytes` });
  if (old?.immutable) {
    if (JSON.stringify(old.data ?? {}) !== JSON.stringify(req.data ?? {})) causes.push({ field: 'data', message: IMMUTABLE_MESSAGE });
    if (JSON.stringify(old.binaryData ?? {}) !== JSON.stringify(req.binaryData ?? {})) causes.push({ field: 'binaryData', message: IMMUTABLE_MESSAGE });
    if (!req.immutable) causes.push({ field: 'immutable', message: IMMUTABLE_MESSAGE });
  }
  if (causes.length) throw invalid('ConfigMap', req.name, causes);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: req.name, namespace: req.namespace, uid, resourceVersion: '', creationTimestamp: created, ...meta(req) },
    ...(req.data && Object.keys(req.data).length ? { data: { ...req.data } } : {}),
    ...(req.binaryData && Object.keys(req.binaryData).length ? { binaryData: { ...req.binaryData } } : {}),
    ...(req.immutable !== undefined ? { immutable: req.immutable } : {}),
  };
}

export function admitSecret(req: SecretRequest, old: Secret | undefined, uid: string, created: string): Secret {
  const type = req.type || 'Opaque';
  const causes = [...validateSubdomainName(req.name), ...keyCauses('data', req.data)];
  if (size(req.data) > MAX_CONFIG_BYTES) causes.push({ field: 'data', message: `Too long: must have at most ${MAX_CONFIG_BYTES} bytes` });
  if (type === TLS_SECRET) {
    for (const key of ['tls.crt', 'tls.key']) if (!req.data || !Object.hasOwn(req.data, key)) causes.push({ field: `data[${key}]`, message: 'Required value' });
  }
  if (old && old.type !== type) causes.push({ field: 'type', message: `Invalid value: "${type}": field is immutable` });
  if (old?.immutable) {
    if (JSON.stringify(old.data ?? {}) !== JSON.stringify(req.data ?? {})) causes.push({ field: 'data', message: IMMUTABLE_MESSAGE });
    if (!req.immutable) causes.push({ field: 'immutable', message: IMMUTABLE_MESSAGE });
  }
  if (causes.length) throw invalid('Secret', req.name, causes);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: req.name, namespace: req.namespace, uid, resourceVersion: '', creationTimestamp: created, ...meta(req) },
    type,
    ...(req.data && Object.keys(req.data).length ? { data: { ...req.data } } : {}),
    ...(req.immutable !== undefined ? { immutable: req.immutable } : {}),
  };
}

function meta(req: { labels?: Record<string, string>; annotations?: Record<string, string> }) {
  return {
    ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
    ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
  };
}
