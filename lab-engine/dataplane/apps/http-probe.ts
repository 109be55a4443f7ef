// A grader's HTTP GET: a TCP connection through the packet engine, then the application (or the
// ingress controller, which proxies onward) answers. Unlike the learner's curl it waits for
// nothing, records no conntrack entry and writes no access log, so grading leaves no trace in
// what the learner sees next. With `tls`, a ClientHello goes first: the certificate the server
// picks is reported (the check judges it), and a server that speaks no TLS gives no response.

import type { HttpProbe, HttpProbeResult, HttpProbeTls } from './http-probe-types';
import { isIngressControllerPod } from '../../cluster/ingress-status';
import { acceptTls, serveIngress } from '../ingress/controller';
import { serveGateway } from '../gateway/controller';
import { isGatewayDataPlane } from '../../cluster/gateway-api/gateway-controllers';
import { sendProbe } from '../packet/walk';
import { hopSummary } from '../packet/render-hop';
import { outcomeReason } from '../packet/render-outcome';
import type { PacketWorld } from '../packet/world';
import { matchingName, opensslDn } from '../tls/certificate';
import { serveHttp } from './http-server';
import { serveServiceHealth } from '../kube-proxy/service-health';
import type { DeliveryPoint } from '../packet/types';
import type { HttpRequest } from './http-types';
import { responseStall } from './http-response-walk';

export function httpProbe(world: PacketWorld, probe: HttpProbe): HttpProbeResult {
  const result = sendProbe(world, { from: probe.from, dst: probe.dst, protocol: 'tcp', dport: probe.port }, { recordConntrack: false });
  const outcome = result.outcome;
  if (outcome.kind === 'refused' && outcome.by === 'no-listener' && outcome.at) {
    // The packet arrived (after any DNAT): the receiving kernel answered with a reset, which names the real culprit better than the last rule walked.
    const at = outcome.at;
    const port = at.port ?? probe.port;
    const where = at.pod ? `in pod ${at.pod.namespace}/${at.pod.name}` : `on ${at.node}`;
    return { kind: 'no-response', reason: `connection refused (TCP reset) by ${at.ip}:${port}: nothing listens on port ${port} ${where}`, refused: true, ...(at.pod ? { backend: `${at.pod.namespace}/${at.pod.name}` } : {}) };
  }
  if (outcome.kind !== 'delivered') {
    const deciding = result.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop' || h.kind === 'netfilter' || h.kind === 'nftables').at(-1);
    return { kind: 'no-response', reason: deciding ? hopSummary(deciding) : outcome.kind === 'refused' ? `connection refused by ${probe.dst}:${probe.port}` : outcomeReason(outcome), ...(outcome.kind === 'refused' ? { refused: true } : {}) };
  }
  const pod = outcome.at.pod ? world.cluster.get('pods', outcome.at.pod.namespace, outcome.at.pod.name) : undefined;
  if (!pod) return nodeAnswer(world, probe, outcome.at, result.hops[0]?.headers.sport ?? 40000);
  const localPort = outcome.at.port ?? probe.port;
  let tls: HttpProbeTls | undefined;
  if (probe.tls) {
    const accepted = acceptTls(world.cluster, pod, localPort, probe.tls.sni, true);
    if (accepted.kind === 'plain') return { kind: 'no-response', reason: `${pod.metadata.namespace}/${pod.metadata.name} does not speak TLS on port ${localPort} (the handshake fails: wrong version number)` };
    const { certificate, source } = accepted.choice;
    tls = {
      subject: opensslDn(certificate.subject),
      dnsNames: certificate.dnsNames,
      source: source.kind === 'secret' ? `secret ${source.namespace}/${source.name}` : `the controller's default certificate (${source.reason})`,
      isDefault: source.kind === 'default',
      coversHost: probe.tls.sni !== undefined && matchingName(certificate, probe.tls.sni) !== undefined,
      certificate,
    };
  }
  const request: HttpRequest = {
    method: 'GET',
    path: probe.path,
    headers: { host: probe.host, 'user-agent': 'flatnet-check', accept: '*/*' },
    remoteAddr: outcome.at.sourceSeen,
    remotePort: result.hops[0]?.headers.sport ?? 40000,
    localAddr: outcome.at.ip,
    localPort,
    ...(probe.tls ? { tls: probe.tls.sni ? { sni: probe.tls.sni } : {} } : {}),
  };
  if (isGatewayDataPlane(pod)) {
    const served = serveGateway(world, pod, request, { quiet: true });
    // The upstream pod that answered; the gateway's own pod when it answered itself (404, 5xx).
    return { kind: 'response', status: served.response.status, body: served.response.body, servedBy: served.servedBy, backend: served.backendPod ?? `${pod.metadata.namespace}/${pod.metadata.name}` };
  }
  const ingress = isIngressControllerPod(pod);
  const exchange = ingress ? serveIngress(world, pod, request, { quiet: true }) : serveHttp(pod, request, world.cluster.now());
  const backend = ingress ? {} : { backend: `${pod.metadata.namespace}/${pod.metadata.name}` };
  const stall = probe.walkResponse ? responseStall(world, probe.from, result, pod, localPort, exchange.response) : undefined;
  if (stall) return { kind: 'no-response', reason: stall, ...backend };
  return { kind: 'response', status: exchange.response.status, body: exchange.response.body, servedBy: exchange.servedBy, ...(tls ? { tls } : {}), ...backend };
}

/** A node's own socket: only kube-proxy's health check servers answer HTTP (without TLS). */
function nodeAnswer(world: PacketWorld, probe: HttpProbe, at: DeliveryPoint, sport: number): HttpProbeResult {
  const request: HttpRequest = { method: 'GET', path: probe.path, headers: { host: probe.host, 'user-agent': 'flatnet-check', accept: '*/*' }, remoteAddr: at.sourceSeen, remotePort: sport, localAddr: at.ip, localPort: at.port ?? probe.port };
  const exchange = probe.tls || at.pod ? undefined : serveServiceHealth(world.cluster, at.node, request);
  if (!exchange) return { kind: 'no-response', reason: `${probe.dst}:${probe.port} is not served by a pod` };
  return { kind: 'response', status: exchange.response.status, body: exchange.response.body, servedBy: exchange.servedBy };
}
