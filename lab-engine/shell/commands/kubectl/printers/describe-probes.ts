// The Liveness/Readiness/Startup and Environment lines of `kubectl describe` for one container
// (kubectl describe.go describeContainerProbe, DescribeProbe, describeContainerEnvVars and
// EnvValueRetriever): a fieldRef shows its value only where fieldpath.ExtractFieldPathAsString
// can read it (metadata), so `spec.nodeName` and `status.podIP` print with an empty value, as
// kubectl prints them; a Pod Template resolves nothing.

import type { Container, EnvVar, Pod, Probe } from '../../../../kube/types';
import { type DescribeWriter, LEVEL_2, LEVEL_3 } from './describe-writer';

export function describeContainerProbes(w: DescribeWriter, c: Container): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** DescribeProbe: the handler, then `delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds}s period=${p.periodSeconds}s #success=${p.successThreshold} #failure=${p.failureThreshold}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const g = p.httpGet;
    const host = g.host ?? '';
    // net.JoinHostPort brackets an IPv6 host; url.URL writes scheme://host:port/path.
    const hostPort = `${host.includes(':') ? `[${host}]` : host}:${String(g.port)}`;
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${g.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

export function describeEnv(w: DescribeWriter, c: Container, pod: Pod | undefined): void {
  w.write(LEVEL_2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((line, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${line}\n` : `\t${line}\n`));
      continue;
    }
    if (from.fieldRef) w.write(LEVEL_3, `${e.name}:\t${pod ? metadataField(pod, from.fieldRef.fieldPath) : ''} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    else if (from.resourceFieldRef) w.write(LEVEL_3, `${e.name}:\t${resourceValue(c, e)} (${from.resourceFieldRef.resource})\n`);
    else if (from.secretKeyRef) w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>\tOptional: ${from.secretKeyRef.optional === true}\n`);
    else if (from.configMapKeyRef) w.write(LEVEL_3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>\tOptional: ${from.configMapKeyRef.optional === true}\n`);
  }
}

/** fieldpath.ExtractFieldPathAsString: metadata only; anything else resolves to nothing here. */
function metadataField(pod: Pod, path: string): string {
  const m = pod.metadata;
  const keyed = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (keyed) return (keyed[1] === 'labels' ? m.labels : m.annotations)?.[keyed[2]] ?? '';
  switch (path) {
    case 'metadata.name':
      return m.name;
    case 'metadata.namespace':
      return m.namespace ?? '';
    case 'metadata.uid':
      return m.uid;
    default:
      return '';
  }
}

/** ExtractContainerResourceValue, for the common case of no divisor; an unset limit reads `node allocatable`. */
function resourceValue(c: Container, e: EnvVar): string {
  const resource = e.valueFrom!.resourceFieldRef!.resource;
  const [kind, name] = resource.split('.') as [string, string];
  const list = kind === 'limits' ? c.resources.limits : c.resources.requests;
  const value = list?.[name];
  if (value === undefined) return kind === 'limits' ? 'node allocatable' : '0';
  return value;
}
