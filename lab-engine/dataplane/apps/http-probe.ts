// A grader's HTTP GET: a TCP connection through the packet engine, then the application (or the
// ingress controller, which proxies onward) answers. Unlike the learner's curl it waits for
// nothing, records no conntrack entry and writes no access log, so grading leaves no trace in
// what the learner sees next.

import type { HttpProbe, HttpProbeResult } from '../../core/simulation-types';
import { isIngressControllerPod } from '../../cluster/ingress-status';
import { serveIngress } from '../ingress/controller';
import { sendProbe } from '../packet/walk';
import type { PacketWorld } from '../packet/world';
import { serveHttp } from './http-server';
import type { HttpRequest } from './http-types';

export function httpProbe(world: PacketWorld, probe: HttpProbe): HttpProbeResult {
  const result = sendProbe(world, { from: probe.from, dst: probe.dst, protocol: 'tcp', dport: probe.port }, { recordConntrack: false });
  const outcome = result.outcome;
  if (outcome.kind !== 'delivered') {
    const deciding = result.hops.filter((h) => h.kind === 'policy' || h.kind === 'drop' || h.kind === 'netfilter').at(-1)?.summary;
    return { kind: 'no-response', reason: deciding ?? ('reason' in outcome ? outcome.reason : `connection refused by ${probe.dst}:${probe.port}`) };
  }
  const pod = outcome.at.pod ? world.cluster.get('pods', outcome.at.pod.namespace, outcome.at.pod.name) : undefined;
  if (!pod) return { kind: 'no-response', reason: `${probe.dst}:${probe.port} is not served by a pod` };
  const request: HttpRequest = {
    method: 'GET',
    path: probe.path,
    headers: { host: probe.host, 'user-agent': 'flatnet-check', accept: '*/*' },
    remoteAddr: outcome.at.sourceSeen,
    remotePort: result.hops[0]?.headers.sport ?? 40000,
    localAddr: outcome.at.ip,
    localPort: outcome.at.port ?? probe.port,
  };
  const exchange = isIngressControllerPod(pod) ? serveIngress(world, pod, request, { quiet: true }) : serveHttp(pod, request, world.cluster.now());
  return { kind: 'response', status: exchange.response.status, body: exchange.response.body, servedBy: exchange.servedBy };
}
