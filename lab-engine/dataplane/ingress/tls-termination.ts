// Which certificate an ingress controller presents for a TLS ClientHello, and when ingress-nginx
// sends plain HTTP to HTTPS.
// - ingress-nginx (controller.go createServers / extractTLSSecretName): a server exists per rule
//   host; its certificate is the Secret of the spec.tls entry that lists the host (else any
//   spec.tls Secret whose certificate covers it), read from the Ingress's own namespace. A missing
//   Secret, one that does not parse, or one whose certificate does not name the host leaves the
//   server on the default certificate, with a warning in the log ("Error getting SSL certificate
//   ... Using default certificate"). Unknown SNI names and clients without SNI get the default
//   server, whose certificate is the self-signed "Kubernetes Ingress Controller Fake Certificate"
//   (O=Acme Co, SAN ingress.local, 365 days, generated at start-up, internal/net/ssl/ssl.go).
// - Traefik: every spec.tls Secret of its Ingresses goes into one store; the certificate whose
//   names match the SNI wins, else its generated "TRAEFIK DEFAULT CERT".
// - ssl-redirect: ingress-nginx answers plain HTTP for a host listed in spec.tls with 308 and
//   `Location: https://host/uri`, unless `nginx.ingress.kubernetes.io/ssl-redirect: "false"`.

import { nodeCrypto } from '../../core/node-crypto';
import type { Cluster } from '../../cluster/cluster';
import type { IngressControllerInfo } from '../../cluster/ingress-status';
import { parseRfc3339 } from '../../cluster/time-format';
import type { Ingress, Pod } from '../../kube/types';
import { matchingName, servedFromPem, type ServedCertificate } from '../tls/certificate';
import { hostMatches } from './routing';

export const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * PEMs made for default certificates once someone looked at one (openssl s_client): a client that
 * then trusts that PEM (curl --cacert) must meet the same certificate on the next handshake.
 */
export const DEFAULT_CERTIFICATE_PEMS = new Map<string, string>();

/** The key a default certificate's PEM is kept under. */
export function defaultCertificateKey(cert: ServedCertificate): string {
  return `${cert.subject.map((p) => p.join('=')).join('/')}|${cert.notBeforeMs}|${cert.dnsNames.join(',')}`;
}

function withPem(cert: ServedCertificate): ServedCertificate {
  const pem = DEFAULT_CERTIFICATE_PEMS.get(defaultCertificateKey(cert));
  return pem ? { ...cert, pem } : cert;
}

export type CertificateSource = { kind: 'secret'; namespace: string; name: string } | { kind: 'default'; reason: string };

export interface TlsChoice {
  certificate: ServedCertificate;
  source: CertificateSource;
}

/** The controller's own certificate, from its start time (and, for Traefik, a name made from the pod). */
export function defaultCertificate(info: IngressControllerInfo, controller: Pod): ServedCertificate {
  const started = controller.status.startTime ?? controller.metadata.creationTimestamp;
  const from = started ? parseRfc3339(started) : 0;
  if (info.kind === 'traefik') {
    const h = nodeCrypto().createHash('sha256').update(controller.metadata.uid ?? controller.metadata.name).digest('hex');
    const subject: [string, string][] = [['CN', 'TRAEFIK DEFAULT CERT']];
    return withPem({ subject, issuer: subject, dnsNames: [`${h.slice(0, 32)}.${h.slice(32, 64)}.traefik.default`], notBeforeMs: from, notAfterMs: from + 365 * DAY_MS, keyType: 'RSA', keyBits: 2048, selfIssued: false });
  }
  const subject: [string, string][] = [['O', 'Acme Co'], ['CN', 'Kubernetes Ingress Controller Fake Certificate']];
  return withPem({ subject, issuer: subject, dnsNames: ['ingress.local'], notBeforeMs: from, notAfterMs: from + 365 * DAY_MS, keyType: 'RSA', keyBits: 2048, selfIssued: false });
}

/** The certificate for a ClientHello with this SNI (undefined: the client sent none, e.g. an IP address URL). */
export function chooseCertificate(cluster: Cluster, info: IngressControllerInfo, controller: Pod, ingresses: readonly Ingress[], sni: string | undefined, quiet = false): TlsChoice {
  const warn = (message: string) => (quiet ? undefined : logWarning(cluster, controller, message));
  const fallback = (reason: string): TlsChoice => ({ certificate: defaultCertificate(info, controller), source: { kind: 'default', reason } });
  if (!sni) return fallback('the client sent no server name (SNI)');
  const host = sni.toLowerCase();
  if (info.kind === 'traefik') {
    for (const ing of ingresses) {
      for (const tls of ing.spec.tls ?? []) {
        if (!tls.secretName) continue;
        const cert = secretCertificate(cluster, ing.metadata.namespace ?? 'default', tls.secretName);
        if ('certificate' in cert && matchingName(cert.certificate, host)) return { certificate: cert.certificate, source: { kind: 'secret', namespace: ing.metadata.namespace ?? 'default', name: tls.secretName } };
      }
    }
    return fallback(`no certificate in Traefik's store names ${host}`);
  }
  const server = ingresses.flatMap((ing) => (ing.spec.rules ?? []).filter((r) => r.host && hostMatches(r.host, host)).map((r) => ({ ing, ruleHost: r.host! })));
  const exact = server.find((s) => s.ruleHost.toLowerCase() === host) ?? server[0];
  if (!exact) return fallback(`no Ingress rule has host ${host}: the default server answers`);
  for (const { ing, ruleHost } of exact.ruleHost.toLowerCase() === host ? server.filter((s) => s.ruleHost.toLowerCase() === host) : [exact]) {
    const namespace = ing.metadata.namespace ?? 'default';
    const secretName = tlsSecretFor(cluster, ing, ruleHost);
    if (secretName === undefined) continue;
    const key = `${namespace}/${secretName}`;
    const cert = secretCertificate(cluster, namespace, secretName);
    if ('error' in cert) {
      warn(`Error getting SSL certificate "${key}": ${cert.error}. Using default certificate`);
      return fallback(`secret ${key}: ${cert.error}`);
    }
    if (!matchingName(cert.certificate, ruleHost)) {
      warn(`SSL certificate "${key}" does not contain a Common Name or Subject Alternative Name for server "${ruleHost}": x509: certificate is not valid for any names, but wanted to match ${ruleHost}`);
      return fallback(`the certificate in secret ${key} does not name ${ruleHost}`);
    }
    return { certificate: cert.certificate, source: { kind: 'secret', namespace, name: secretName } };
  }
  return fallback(`no spec.tls entry covers ${exact.ruleHost}`);
}

/** ingress-nginx's extractTLSSecretName: the entry listing the host, else any whose certificate covers it. */
function tlsSecretFor(cluster: Cluster, ing: Ingress, host: string): string | undefined {
  const lower = host.toLowerCase();
  const listed = (ing.spec.tls ?? []).find((t) => (t.hosts ?? []).some((h) => h.toLowerCase() === lower));
  if (listed) return listed.secretName ?? '';
  for (const t of ing.spec.tls ?? []) {
    if (!t.secretName) continue;
    const cert = secretCertificate(cluster, ing.metadata.namespace ?? 'default', t.secretName);
    if ('certificate' in cert && matchingName(cert.certificate, host)) return t.secretName;
  }
  return undefined;
}

function secretCertificate(cluster: Cluster, namespace: string, name: string): { certificate: ServedCertificate } | { error: string } {
  if (!name) return { error: 'secretName is empty' };
  const secret = cluster.get('secrets', namespace, name);
  if (!secret) return { error: `local SSL certificate ${namespace}/${name} was not found` };
  const crt = secret.data?.['tls.crt'];
  const certificate = crt ? servedFromPem(Buffer.from(crt, 'base64').toString('utf8')) : undefined;
  if (!certificate) return { error: `local SSL certificate ${namespace}/${name} is invalid: no certificate PEM data found, make sure certificate content starts with 'BEGIN CERTIFICATE'` };
  return { certificate };
}

/** True when ingress-nginx redirects plain HTTP for this host to HTTPS. */
export function sslRedirects(ingress: Ingress, host: string): boolean {
  if (ingress.metadata.annotations?.[SSL_REDIRECT] === 'false') return false;
  const lower = host.replace(/:\d+$/, '').toLowerCase();
  return (ingress.spec.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostMatches(h, lower)));
}

/** A klog warning line, written once: the controller repeats it per sync, not per request. */
function logWarning(cluster: Cluster, controller: Pod, message: string): void {
  const namespace = controller.metadata.namespace ?? 'default';
  const container = controller.spec.containers[0].name;
  if (cluster.logLines(namespace, controller.metadata.name, container).some((l) => l.line.endsWith(message))) return;
  const d = new Date(cluster.now());
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `W${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds() * 1000, 6)}`;
  cluster.appendLog(namespace, controller.metadata.name, container, `${stamp}       7 controller.go:1497] ${message}`);
}
