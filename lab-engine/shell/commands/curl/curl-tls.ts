// curl 8's TLS side (OpenSSL 3 backend): the verification it does with and without -k/--cacert,
// the `-v` handshake lines, and its error texts. The chain is judged during the handshake
// (exit 60 "SSL certificate problem: ..."), the name afterwards (exit 60 "SSL: no alternative
// certificate subject name matches target host name 'x'", or the commonName variant when the
// certificate has no DNS names); both add curl's CURL_CA_CERT_ERRORMSG paragraph.

import type { X509Certificate } from 'node:crypto';
import type { CommandContext } from '../../command-types';
import { commonName, curlDn, opensslDate, type ServedCertificate } from '../../../dataplane/tls/certificate';
import { trustAnchors, verifyChain, verifyName, type ChainVerdict } from '../../../dataplane/tls/verify';
import type { TlsHandshake } from './http-client';

export const CA_CERT_ERROR = `More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the webpage mentioned above.
`;

const SYSTEM_CA = { file: '/etc/ssl/certs/ca-certificates.crt', path: '/etc/ssl/certs' };

export interface TlsClient {
  sni: string | undefined;
  trusted: X509Certificate[];
  caFile: string;
  insecure: boolean;
  alpn: string;
  /** Filled by judge(): what curl concluded, for its messages. */
  verdict?: TlsVerdict;
}

export type TlsVerdict =
  | { ok: true; chain: ChainVerdict; name: { kind: 'san'; matched: string } | { kind: 'cn'; matched: string } | { kind: 'skipped' } }
  | { ok: false; stage: 'chain'; chain: Extract<ChainVerdict, { ok: false }> }
  | { ok: false; stage: 'name'; message: string; detail: string };

/** curl sends no SNI for an IP address. */
function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

export function tlsClient(ctx: CommandContext, host: string, o: { insecure: boolean; cacert?: string; http11: boolean }): TlsClient | { error: string; exitCode: number } {
  let trusted: X509Certificate[] = [];
  if (o.cacert !== undefined) {
    const text = ctx.fs.read(o.cacert);
    if (text === undefined) return { error: `curl: (77) error setting certificate file: ${o.cacert}\n`, exitCode: 77 };
    trusted = trustAnchors(text);
  }
  return { sni: isIp(host) ? undefined : host, trusted, caFile: o.cacert ?? SYSTEM_CA.file, insecure: o.insecure, alpn: o.http11 ? 'http/1.1' : 'h2,http/1.1' };
}

/** The verify callback: OpenSSL's chain check, then curl's host check; -k skips both. */
export function judge(client: TlsClient, handshake: TlsHandshake, host: string, nowMs: number, hostnameWord: string): boolean {
  const cert = handshake.choice.certificate;
  if (client.insecure) {
    client.verdict = { ok: true, chain: verifyChain(cert, client.trusted, nowMs), name: { kind: 'skipped' } };
    return true;
  }
  const chain = verifyChain(cert, client.trusted, nowMs);
  if (!chain.ok) {
    client.verdict = { ok: false, stage: 'chain', chain };
    return false;
  }
  const matched = verifyName(cert, host);
  const kind = cert.dnsNames.length ? 'san' : 'cn';
  if (matched) {
    client.verdict = { ok: true, chain, name: { kind, matched } };
    return true;
  }
  const what = isIp(host) ? 'ipv4 address' : hostnameWord;
  client.verdict =
    kind === 'san'
      ? { ok: false, stage: 'name', message: `SSL: no alternative certificate subject name matches target ${what} '${host}'`, detail: `*  subjectAltName does not match ${what} ${host}\n` }
      : { ok: false, stage: 'name', message: `SSL: certificate subject name '${commonName(cert) ?? ''}' does not match target ${what} '${host}'`, detail: `*  common name: ${commonName(cert) ?? ''} (does not match '${host}')\n` };
  return false;
}

/** The error line curl prints for a rejected certificate (exit 60). */
export function rejection(verdict: TlsVerdict | undefined): string {
  if (!verdict || verdict.ok) return 'SSL peer certificate or SSH remote key was not OK';
  return verdict.stage === 'chain' ? `SSL certificate problem: ${verdict.chain.text}` : verdict.message;
}

function helloLines(client: TlsClient): string {
  const ca = client.insecure ? '' : `*  CAfile: ${client.caFile}\n*  CApath: ${SYSTEM_CA.path}\n`;
  return `* ALPN: curl offers ${client.alpn}\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n${ca}* TLSv1.3 (IN), TLS handshake, Server hello (2):\n* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):\n* TLSv1.3 (IN), TLS handshake, Certificate (11):\n`;
}

/** `-v` lines of a handshake that ended in a rejection (chain: OpenSSL aborts; name: curl closes after). */
export function verboseRejected(client: TlsClient, handshake: TlsHandshake): string {
  const v = client.verdict;
  if (v && !v.ok && v.stage === 'chain') return `${helloLines(client)}* TLSv1.3 (OUT), TLS alert, unknown CA (560):\n* SSL certificate problem: ${v.chain.text}\n* Closing connection\n`;
  const detail = v && !v.ok && v.stage === 'name' ? v.detail : '';
  const full = verboseAccepted(client, handshake);
  return `${full.slice(0, full.indexOf('*  issuer:'))}${detail}* ${v && !v.ok && v.stage === 'name' ? v.message : 'SSL: verification failed'}\n* Closing connection\n`;
}

/** `-v` lines of a completed handshake, up to the certificate's verify result. */
export function verboseAccepted(client: TlsClient, handshake: TlsHandshake): string {
  const cert: ServedCertificate = handshake.choice.certificate;
  const sig = cert.keyType === 'EC' ? 'id-ecPublicKey' : 'RSASSA-PSS';
  const alpn = client.alpn.startsWith('h2') ? handshake.alpn : 'http/1.1';
  let out = `${helloLines(client)}* TLSv1.3 (IN), TLS handshake, CERT verify (15):\n* TLSv1.3 (IN), TLS handshake, Finished (20):\n* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):\n* TLSv1.3 (OUT), TLS handshake, Finished (20):\n`;
  out += `* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / ${sig}\n* ALPN: server accepted ${alpn}\n* Server certificate:\n`;
  out += `*  subject: ${curlDn(cert.subject)}\n*  start date: ${opensslDate(cert.notBeforeMs)}\n*  expire date: ${opensslDate(cert.notAfterMs)}\n`;
  const v = client.verdict;
  if (v?.ok && v.name.kind === 'san') out += `*  subjectAltName: host "${client.sni ?? ''}" matched cert's "${v.name.matched}"\n`;
  if (v?.ok && v.name.kind === 'cn') out += `*  common name: ${v.name.matched} (matched)\n`;
  out += `*  issuer: ${curlDn(cert.issuer)}\n`;
  if (v?.ok && !v.chain.ok) out += `*  SSL certificate verify result: ${v.chain.text} (${v.chain.code}), continuing anyway.\n`;
  else if (v?.ok) out += '*  SSL certificate verify ok.\n';
  return out;
}

/** The protocol the connection ended up with: h2 when both sides offered it. */
export function negotiated(client: TlsClient, handshake: TlsHandshake): 'h2' | 'http/1.1' {
  return client.alpn.startsWith('h2') && handshake.alpn === 'h2' ? 'h2' : 'http/1.1';
}
