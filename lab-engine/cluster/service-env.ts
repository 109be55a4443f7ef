// The Service environment variables kubelet gives a container (pkg/kubelet/envvars FromServices,
// kubelet_pods.go getServiceEnvVarMap): for every Service of the pod's namespace that has a
// cluster IP and existed when the container started — all of them only while enableServiceLinks
// is true (the default) — plus the `kubernetes` Service of `default`, always. Each Service gives
// `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT` (its first port), `<NAME>_SERVICE_PORT_<PORTNAME>`
// per named port, and the Docker-links set `<NAME>_PORT`, `<NAME>_PORT_<n>_<PROTO>[_PROTO|_PORT|_ADDR]`.
// Names are upper-cased with `-` turned into `_`.

import type { Pod, Service } from '../kube/types';

function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

function hasClusterIP(svc: Service): boolean {
  const ip = svc.spec.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

/** The variables one Service contributes, in kubelet's order. */
export function serviceEnvVars(svc: Service): [string, string][] {
  const ports = svc.spec.ports ?? [];
  if (!hasClusterIP(svc) || ports.length === 0) return [];
  const name = envName(svc.metadata.name);
  const ip = svc.spec.clusterIP as string;
  const vars: [string, string][] = [
    [`${name}_SERVICE_HOST`, ip],
    [`${name}_SERVICE_PORT`, String(ports[0].port)],
  ];
  for (const p of ports) if (p.name) vars.push([`${name}_SERVICE_PORT_${envName(p.name)}`, String(p.port)]);
  const first = ports[0];
  vars.push([`${name}_PORT`, `${first.protocol.toLowerCase()}://${ip}:${first.port}`]);
  for (const p of ports) {
    const proto = p.protocol.toLowerCase();
    const prefix = `${name}_PORT_${p.port}_${p.protocol.toUpperCase()}`;
    vars.push([prefix, `${proto}://${ip}:${p.port}`], [`${prefix}_PROTO`, proto], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  return vars;
}

/**
 * What the container of `pod` found in its environment when it started. `services` may hold
 * every Service of the cluster; `startedAt` (RFC 3339) is when the container started, if it has.
 */
export function serviceEnvironment(pod: Pod, services: readonly Service[], startedAt: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  const existedAtStart = (svc: Service) => startedAt === undefined || (svc.metadata.creationTimestamp ?? '') < startedAt;
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec.enableServiceLinks !== false;
  // kubelet adds the namespace's Services first, then the `kubernetes` Service, which wins a clash.
  const chosen = services.filter((s) => hasClusterIP(s) && existedAtStart(s) && ((links && s.metadata.namespace === ns) || (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes')));
  chosen.sort((a, b) => (a.metadata.name === 'kubernetes' && a.metadata.namespace === 'default' ? 1 : 0) - (b.metadata.name === 'kubernetes' && b.metadata.namespace === 'default' ? 1 : 0) || a.metadata.name.localeCompare(b.metadata.name));
  for (const svc of chosen) for (const [k, v] of serviceEnvVars(svc)) env[k] = v;
  return env;
}
