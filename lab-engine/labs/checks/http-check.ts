// Grades an `http` check: one GET through the dataplane, from the learner's workstation, a client
// on the internet or a pod, to where http-targets.ts says (the ingress controller, a Service's
// ClusterIP, a node's NodePort, a LoadBalancer's external IP), with the Host header an Ingress rule
// names; `nodes: all` sends one GET to each node and passes only when every node answers. The
// status (and optionally a piece of the body) decides; the controller's own explanation (which
// rule, which backend) becomes the reason. With `scheme: https` the request goes
// to the TLS port with the host as SNI; `expect.tls.coversHost` then judges the certificate served
// (the controller's default one when the Secret is missing, elsewhere or does not name the host)
// by its subjectAltName DNS names only, as browsers and Go do: a CN-only certificate covers nothing.
// `expect.tls.trustedCa` verifies it as a browser whose store holds that root: the chain the
// server sent, the dates by the simulated clock, then the names (browser-verify.ts).
// `expect.bodyBytes` asks for the whole body, that many bytes, walked back to a pod client segment
// by segment (dataplane/apps/http-response-walk.ts): an MTU black hole hangs it.

import type { HttpProbeResult, HttpProbeTls } from '../../dataplane/apps/http-probe-types';
import { matchingName, opensslDate } from '../../dataplane/tls/certificate';
import { verifyAsBrowser } from '../../dataplane/tls/browser-verify';
import { trustAnchors } from '../../dataplane/tls/verify';
import type { Simulation } from '../../simulation/contract';
import type { PacketSource } from '../../dataplane/packet/types';
import { feedback, type Feedback } from '../feedback';
import type { HttpCheck } from '../schema';
import { findSource } from './source-pod';
import type { CheckOutcome } from './resource-check';
import { httpTargetsOf, type HttpTarget } from './http-targets';

export type Source = { from: PacketSource; label: string };

export function gradeHttpCheck(check: HttpCheck, sim: Simulation): CheckOutcome {
  const source = sourceOf(check, sim);
  if ('error' in source) return source.outcome;
  const resolved = httpTargetsOf(check, sim);
  if ('error' in resolved) {
    const message = resolved.error;
    return { passed: false, reason: message, ...(resolved.authoring ? feedback('check.error', { message }) : feedback('http.no_target', { from: source.label, message })) };
  }
  if (resolved.every) return gradeEveryNode(check, sim, source, resolved.targets);
  return gradeRequest(check, sim, source, resolved.targets[0]!);
}

/** `nodes: all`: one request per node; the check passes only if each node answers as expected. */
function gradeEveryNode(check: HttpCheck, sim: Simulation, source: Source, targets: HttpTarget[]): CheckOutcome {
  const outcomes = targets.map((target) => ({ target, outcome: gradeRequest(check, sim, source, target) }));
  const ports = [...new Set(targets.map((t) => t.port))];
  const url = `${check.scheme}://{${targets.map((t) => t.ip).join(',')}}:${ports.join(',')}${check.path}`;
  const failing = outcomes.filter((o) => !o.outcome.passed);
  const reasons = outcomes.map((o) => `${o.target.node}: ${o.outcome.reason}`).join('; ');
  if (failing.length === 0) return { passed: true, reason: reasons, ...feedback('http.ok', { from: source.label, url, status: check.expect.status }) };
  const first = failing[0]!;
  return {
    passed: false,
    reason: `${first.target.node}: ${first.outcome.reason}`,
    ...feedback('http.not_every_node', {
      from: source.label,
      url,
      answered: targets.length - failing.length,
      total: targets.length,
      failing: failing.map((o) => `${o.target.node} (${o.target.ip})`).join(', '),
      // Only the ID and its parameters: the correlated union cannot be rebuilt field by field without a cast.
      first: { feedbackId: first.outcome.feedbackId, params: first.outcome.params } as Feedback,
    }),
  };
}

function gradeRequest(check: HttpCheck, sim: Simulation, source: Source, target: HttpTarget): CheckOutcome {
  const https = check.scheme === 'https';
  // As curl sends it: the address dialled, with the port unless it is the scheme's own.
  const host = check.host ?? (target.port === (https ? 443 : 80) ? target.ip : `${target.ip}:${target.port}`);
  const who = { from: source.label, url: `${check.scheme}://${host}${check.path}` };
  const sni = host.replace(/:\d+$/, '');
  const result: HttpProbeResult = sim.httpGet({ from: source.from, dst: target.ip, port: target.port, host, path: check.path, ...(https ? { tls: /^\d+(\.\d+){3}$/.test(sni) ? {} : { sni } } : {}), ...(check.expect.bodyBytes !== undefined ? { walkResponse: true } : {}) });
  if (result.kind === 'no-response') return { passed: false, reason: result.reason, ...feedback('http.no_response', { ...who, reason: result.reason }) };
  const reason = result.servedBy.join('; ') || `answered ${result.status}`;
  const tls = check.expect.tls;
  if (tls && result.tls) {
    const cert = result.tls;
    const why = `${cert.source}; ${reason}`;
    const covered = coversHost(cert, sni);
    // A browser meets the default certificate first: saying why the controller fell back helps most.
    if ((tls.coversHost || tls.trustedCa !== undefined) && cert.isDefault) return { passed: false, reason: why, ...feedback('http.tls_default_certificate', { ...who, host: sni, subject: cert.subject, reason: cert.source }) };
    if (tls.trustedCa !== undefined) {
      const rejected = browserRejection(cert, tls.trustedCa, sni, sim.now(), who);
      if (rejected) return { ...rejected, reason: `${rejected.reason}; ${why}` };
    }
    if (tls.coversHost && !covered && cert.dnsNames.length === 0) return { passed: false, reason: why, ...feedback('http.tls_no_san', { ...who, host: sni, subject: cert.subject, source: cert.source }) };
    if (tls.coversHost && !covered) return { passed: false, reason: why, ...feedback('http.tls_name_mismatch', { ...who, host: sni, subject: cert.subject, names: cert.dnsNames.join(', ') }) };
    if (tls.coversHost === false && covered && !cert.isDefault) return { passed: false, reason: why, ...feedback('http.tls_covers_host', { ...who, host: sni, subject: cert.subject, source: cert.source }) };
  }
  if (result.status !== check.expect.status) {
    return { passed: false, reason, ...feedback('http.wrong_status', { ...who, status: result.status, expected: check.expect.status, servedBy: reason }) };
  }
  const wanted = check.expect.bodyContains;
  if (wanted !== undefined && !result.body.includes(wanted)) {
    return { passed: false, reason, ...feedback('http.body_mismatch', { ...who, status: result.status, expected: wanted, excerpt: result.body.slice(0, 60).replace(/\s+/g, ' ') }) };
  }
  const size = Buffer.byteLength(result.body);
  if (check.expect.bodyBytes !== undefined && size !== check.expect.bodyBytes) {
    return { passed: false, reason, ...feedback('http.body_size', { ...who, status: result.status, bytes: size, expected: check.expect.bodyBytes }) };
  }
  return { passed: true, reason, ...feedback('http.ok', { ...who, status: result.status }) };
}

/** A browser trusting `trustedCa` (browser-verify.ts): the outcome when it refuses the certificate, else undefined. */
function browserRejection(cert: HttpProbeTls, trustedCa: string, host: string, nowMs: number, who: { from: string; url: string }): CheckOutcome | undefined {
  const verdict = verifyAsBrowser(cert.certificate, trustAnchors(trustedCa), host, nowMs);
  if (verdict.ok) return undefined;
  const about = { ...who, host, subject: cert.subject, source: cert.source };
  switch (verdict.kind) {
    case 'untrusted':
      return { passed: false, reason: `${verdict.chrome}: ${verdict.text}`, ...feedback('http.tls_untrusted', { ...about, chrome: verdict.chrome, text: verdict.text }) };
    case 'date':
      return { passed: false, reason: `${verdict.chrome}: ${verdict.text}`, ...feedback('http.tls_expired', { ...about, chrome: verdict.chrome, text: verdict.text, notAfter: opensslDate(cert.certificate.notAfterMs), now: opensslDate(nowMs) }) };
    case 'no-san':
      return { passed: false, reason: `${verdict.chrome}: no subjectAltName`, ...feedback('http.tls_no_san', about) };
    case 'name':
      return { passed: false, reason: `${verdict.chrome}: ${verdict.names.join(', ')}`, ...feedback('http.tls_name_mismatch', { ...who, host, subject: cert.subject, names: verdict.names.join(', ') }) };
  }
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

/** Who sends an HTTP request for a check (`http`, `load`): the workstation, a client on the internet, or the pod `from` names. */
export function sourceOf(check: Pick<HttpCheck, 'from'>, sim: Simulation): Source | { error: true; outcome: CheckOutcome } {
  if (check.from === 'workstation') return { from: { kind: 'external', host: 'workstation' }, label: 'the workstation' };
  if (check.from === 'internet') return { from: { kind: 'external', host: 'internet' }, label: 'a client on the internet' };
  const namespace = check.from.namespace ?? 'default';
  const pod = findSource(sim, namespace, check.from);
  if (!pod) {
    const selector = check.from.selector ?? `pod ${check.from.pod}`;
    return { error: true, outcome: { passed: false, reason: `no running pod in ${namespace} matches ${selector}`, ...feedback('reachability.no_source', { namespace, selector }) } };
  }
  return { from: { kind: 'pod', namespace, name: pod.metadata.name }, label: `pod ${namespace}/${pod.metadata.name}` };
}
