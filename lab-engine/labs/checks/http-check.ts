// Grades an `http` check: one GET through the dataplane, from the learner's workstation or a pod,
// to the lab's ingress controller (a node's address and the controller Service's NodePort, or
// its load-balancer address) or to a Service's ClusterIP, with the Host header an Ingress rule
// names. The status (and optionally a piece of the body) decides; the controller's own
// explanation (which rule, which backend) becomes the reason. With `scheme: https` the request goes
// to the TLS port with the host as SNI; `expect.tls.coversHost` then judges the certificate served
// (the controller's default one when the Secret is missing, elsewhere or does not name the host)
// by its subjectAltName DNS names only, as browsers and Go do: a CN-only certificate covers nothing.

import type { HttpProbeResult, HttpProbeTls } from '../../dataplane/apps/http-probe-types';
import { matchingName } from '../../dataplane/tls/certificate';
import type { Simulation } from '../../simulation/contract';
import type { PacketSource } from '../../dataplane/packet/types';
import { feedback } from '../feedback';
import type { HttpCheck } from '../schema';
import { findSource } from './source-pod';
import type { CheckOutcome } from './resource-check';
import { INGRESS_CONTROLLERS } from '../../cluster/ingress-status';

/** The controller Services' TLS port names (ingress-nginx-install.ts, traefik-install.ts). */
const TLS_PORT_NAMES = { nginx: 'https', traefik: 'websecure' } as const;

export function gradeHttpCheck(check: HttpCheck, sim: Simulation): CheckOutcome {
  const source = sourceOf(check, sim);
  if ('error' in source) return source.outcome;
  const https = check.scheme === 'https';
  const target = targetOf(check, sim, https);
  if ('error' in target) return { passed: false, reason: target.error, ...feedback('check.error', { message: target.error }) };
  const host = check.host ?? target.ip;
  const who = { from: source.label, url: `${check.scheme}://${host}${check.path}` };
  const sni = host.replace(/:\d+$/, '');
  const result: HttpProbeResult = sim.httpGet({ from: source.from, dst: target.ip, port: target.port, host, path: check.path, ...(https ? { tls: /^\d+(\.\d+){3}$/.test(sni) ? {} : { sni } } : {}) });
  if (result.kind === 'no-response') return { passed: false, reason: result.reason, ...feedback('http.no_response', { ...who, reason: result.reason }) };
  const reason = result.servedBy.join('; ') || `answered ${result.status}`;
  const tls = check.expect.tls;
  if (tls && result.tls) {
    const cert = result.tls;
    const why = `${cert.source}; ${reason}`;
    const covered = coversHost(cert, sni);
    if (tls.coversHost && cert.isDefault) return { passed: false, reason: why, ...feedback('http.tls_default_certificate', { ...who, host: sni, subject: cert.subject, reason: cert.source }) };
    if (tls.coversHost && !covered && cert.dnsNames.length === 0) return { passed: false, reason: why, ...feedback('http.tls_no_san', { ...who, host: sni, subject: cert.subject, source: cert.source }) };
    if (tls.coversHost && !covered) return { passed: false, reason: why, ...feedback('http.tls_name_mismatch', { ...who, host: sni, subject: cert.subject, names: cert.dnsNames.join(', ') }) };
    if (!tls.coversHost && covered && !cert.isDefault) return { passed: false, reason: why, ...feedback('http.tls_covers_host', { ...who, host: sni, subject: cert.subject, source: cert.source }) };
  }
  if (result.status !== check.expect.status) {
    return { passed: false, reason, ...feedback('http.wrong_status', { ...who, status: result.status, expected: check.expect.status, servedBy: reason }) };
  }
  const wanted = check.expect.bodyContains;
  if (wanted !== undefined && !result.body.includes(wanted)) {
    return { passed: false, reason, ...feedback('http.body_mismatch', { ...who, status: result.status, expected: wanted, excerpt: result.body.slice(0, 60).replace(/\s+/g, ' ') }) };
  }
  return { passed: true, reason, ...feedback('http.ok', { ...who, status: result.status }) };
}

/**
 * Whether a client would accept the certificate for `host`: RFC 6125 as browsers (Chrome 58 on)
 * and Go (1.15 on) apply it, against the subjectAltName DNS names only. A certificate without
 * them covers no host, whatever its commonName says (the controller may still serve it: it falls
 * back to the CN when it picks a certificate, so the probe's own `coversHost` is not enough).
 */
function coversHost(cert: HttpProbeTls, host: string): boolean {
  // With DNS names present, matchingName never consults the subject; an empty one makes that explicit.
  return cert.dnsNames.length > 0 && matchingName({ subject: [], dnsNames: cert.dnsNames }, host) !== undefined;
}

function sourceOf(check: HttpCheck, sim: Simulation): { from: PacketSource; label: string } | { error: true; outcome: CheckOutcome } {
  if (check.from === 'workstation') return { from: { kind: 'external', host: 'workstation' }, label: 'the workstation' };
  const namespace = check.from.namespace ?? 'default';
  const pod = findSource(sim, namespace, check.from);
  if (!pod) {
    const selector = check.from.selector ?? `pod ${check.from.pod}`;
    return { error: true, outcome: { passed: false, reason: `no running pod in ${namespace} matches ${selector}`, ...feedback('reachability.no_source', { namespace, selector }) } };
  }
  return { from: { kind: 'pod', namespace, name: pod.metadata.name }, label: `pod ${namespace}/${pod.metadata.name}` };
}

function targetOf(check: HttpCheck, sim: Simulation, https: boolean): { ip: string; port: number } | { error: string } {
  const { to } = check;
  if (to.ingress) {
    const controller = INGRESS_CONTROLLERS[to.ingress];
    const view = sim.view();
    const svc = view.get('services', controller.namespace, controller.service);
    if (!svc) return { error: `this lab has no ${to.ingress} ingress controller (topology.ingress: ${to.ingress} installs one)` };
    const lb = svc.status?.loadBalancer?.ingress?.[0]?.ip;
    const portName = https ? TLS_PORT_NAMES[to.ingress] : controller.httpPort;
    const http = svc.spec.ports?.find((p) => p.name === portName);
    if (lb && http) return { ip: lb, port: http.port };
    const nodes = view.list('nodes');
    const worker = nodes.find((n) => n.metadata.name !== 'control-plane') ?? nodes.at(0);
    const ip = worker?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
    if (!ip || !http?.nodePort) return { error: `the ingress controller Service has no NodePort for ${https ? 'https' : 'http'}` };
    return { ip, port: http.nodePort };
  }
  const namespace = to.namespace ?? 'default';
  const svc = sim.view().get('services', namespace, to.service!);
  if (!svc) return { error: `there is no Service ${namespace}/${to.service} yet` };
  if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None') return { error: `Service ${namespace}/${to.service} has no ClusterIP` };
  return { ip: svc.spec.clusterIP, port: to.port! };
}
