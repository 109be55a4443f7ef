// The kubelet's probes against what a container really serves (cluster/container-prober.ts is
// the port; simulation/ wires this in). The kubelet probes from its own node straight to the pod
// IP, so no packet walk: a NetworkPolicy never blocks a probe (Calico and the others allow the
// host to reach its local pods). Texts are pkg/probe's and Go's net/http errors:
// - httpGet: a listener on the port (listeners.ts), then the image's HTTP answer (http-server.ts)
//   to `GET <path>` with `User-Agent: kube-probe/1.34`; 200-399 passes, else `HTTP probe failed
//   with statuscode: 404`; nothing listening is `Get "http://IP:PORT/path": dial tcp IP:PORT:
//   connect: connection refused`. The request lands in the server's access log, as on a node.
//   HTTPS to a server that speaks plain HTTP fails as Go's client does.
// - tcpSocket: a listener on the port passes; else `dial tcp IP:PORT: connect: connection refused`.
// - grpc: rule: only a server that implements grpc.health.v1 passes; of the simulated images that
//   is etcd. A listener that speaks something else fails as a gRPC client reading an HTTP/1 answer.
// - exec: rule (documented in probe-exec.ts): the command model of the container's filesystem.
// A named port the container does not declare cannot be resolved: the probe errors (unknown).

import type { Cluster } from '../../cluster/cluster';
import type { ContainerProber, ContainerStop, ProbeVerdict } from '../../cluster/container-prober';
import { parseImageRef } from '../../cluster/images';
import { KUBERNETES_VERSION } from '../../cluster/version';
import type { Container, IntOrString, Pod, Probe } from '../../kube/types';
import { logHttpAccess } from './access-log';
import { serveHttp } from './http-server';
import { imageProfile } from './images';
import { listensOn, listeningSockets } from './listeners';
import { runExecProbe } from './probe-exec';

const USER_AGENT = `kube-probe/${KUBERNETES_VERSION.replace(/^v/, '').split('.').slice(0, 2).join('.')}`;
/** Programs that serve grpc.health.v1.Health on their gRPC ports. */
const GRPC_HEALTH_PROCESSES: ReadonlySet<string> = new Set(['etcd']);

export function dataplaneProber(cluster: Cluster): ContainerProber {
  return {
    run: (pod, container, probe, nowMs) => runProbe(cluster, pod, container, probe, nowMs),
    stop: (_pod, container, graceMs) => stopContainer(container, graceMs),
  };
}

function runProbe(cluster: Cluster, pod: Pod, c: Container, probe: Probe, nowMs: number): ProbeVerdict {
  const ip = pod.status.podIP ?? '';
  if (probe.exec) return runExecProbe(pod, c, probe.exec.command ?? [], nowMs);
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = resolvePort(g.port, c);
    if (typeof port === 'string') return { result: 'unknown', error: port };
    const scheme = (g.scheme ?? 'HTTP').toLowerCase();
    const host = g.host || ip;
    const url = `${scheme}://${host}:${port}${g.path ?? '/'}`;
    if (!listensOn(pod, port, 'tcp', nowMs)) return { result: 'failure', output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (scheme === 'https') return { result: 'failure', output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
    const headers: Record<string, string> = { host: `${host}:${port}`, 'user-agent': USER_AGENT, accept: '*/*', connection: 'close' };
    for (const h of g.httpHeaders ?? []) headers[h.name.toLowerCase()] = h.value;
    const request = { method: 'GET', path: g.path ?? '/', headers, remoteAddr: pod.status.hostIP ?? '', remotePort: 40000 + (nowMs % 20000), localAddr: ip, localPort: port };
    const exchange = serveHttp(pod, request, nowMs);
    logHttpAccess(cluster, pod, request, exchange.response);
    const status = exchange.response.status;
    return status >= 200 && status < 400 ? { result: 'success' } : { result: 'failure', output: `HTTP probe failed with statuscode: ${status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, c);
    if (typeof port === 'string') return { result: 'unknown', error: port };
    const host = probe.tcpSocket.host || ip;
    return listensOn(pod, port, 'tcp', nowMs) ? { result: 'success' } : { result: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.grpc) {
    const port = probe.grpc.port;
    const socket = listeningSockets(pod, nowMs).find((s) => s.port === port && s.protocol === 'tcp');
    if (!socket) return { result: 'failure', output: `timeout: failed to connect service "${ip}:${port}" within ${probe.timeoutSeconds}s: context deadline exceeded` };
    if (!GRPC_HEALTH_PROCESSES.has(socket.process)) return { result: 'failure', output: 'error: health rpc probe failed: rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: http2: frame too large"' };
    return { result: 'success' };
  }
  return { result: 'unknown', error: 'missing probe handler' };
}

/** probe.ResolveContainerPort: a number as it is, a name through the container's ports (else strconv.Atoi's error). */
function resolvePort(port: IntOrString, c: Container): number | string {
  if (typeof port === 'number') return port;
  const named = c.ports?.find((p) => p.name === port);
  if (named) return named.containerPort;
  if (/^-?\d+$/.test(port)) return Number(port);
  return `strconv.Atoi: parsing "${port}": invalid syntax`;
}

/**
 * SIGTERM, then SIGKILL once the grace period is over: a program that outlives it (a shell
 * running `sleep`) ends with 137; nginx quits cleanly on SIGTERM (0); other programs die of the
 * signal (143).
 */
function stopContainer(c: Container, graceMs: number): ContainerStop {
  const ref = parseImageRef(c.image);
  const profile = ref && imageProfile(ref);
  const stopMs = profile?.registry.stopMs ?? 1_000;
  if (stopMs >= graceMs) return { afterMs: graceMs, exitCode: 137 };
  return { afterMs: stopMs, exitCode: profile?.listeners?.kind === 'fixed' && profile.listeners.process === 'nginx' && !c.command ? 0 : 143 };
}
