// `openssl s_client -connect host:port [-servername name] [-CAfile f] [-showcerts]`: opens a TCP
// connection through the simulated network, sends a ClientHello (SNI: -servername, else the
// -connect host unless it is an address) and prints what OpenSSL 3 prints: the verify callback's
// depth lines, the chain, the server certificate's PEM, the session summary and the verify
// result. The request never reaches the application: s_client stops after the handshake, as it
// does when its stdin is empty (`</dev/null`, or a pipe).

import { OutputBuilder, type CommandContext, type CommandOutput } from '../../command-types';
import { buildSelfSigned, generateKey } from '../../../dataplane/tls/certificate-builder';
import { opensslDate, opensslDn, type ServedCertificate } from '../../../dataplane/tls/certificate';
import { trustAnchors, verifyChain } from '../../../dataplane/tls/verify';
import { httpCall, type TlsHandshake } from '../curl/http-client';
import { DEFAULT_CERTIFICATE_PEMS, defaultCertificateKey } from '../../../dataplane/ingress/tls-termination';
import { optionValue, unknownOption } from './openssl-options';

/** Default certificates are described, not stored: their PEM is made once, when first shown (see DEFAULT_CERTIFICATE_PEMS). */
const building = new Map<string, Promise<string>>();

export async function sClient(ctx: CommandContext): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const a = ctx.args;
  let connect: string | undefined;
  let servername: string | undefined;
  let caFile: string | undefined;
  let noSni = false;
  for (let i = 0; i < a.length; i++) {
    const opt = a[i].replace(/^--/, '-');
    if (['-showcerts', '-brief', '-quiet', '-state', '-tls1_2', '-tls1_3'].includes(opt)) continue;
    if (opt === '-noservername') {
      noSni = true;
      continue;
    }
    if (opt === '-help') return out.err('Usage: s_client [options] [host:port]\n -connect val  TCP/IP where to connect; default: 4433)\n -servername val  Set TLS extension servername (SNI) in ClientHello (default)\n -CAfile infile  PEM format file of CA\'s\n -showcerts  Show all certificates sent by the server\n').done(0);
    if (!['-connect', '-servername', '-CAfile'].includes(opt)) return unknownOption('s_client', a[i], false);
    const v = optionValue('s_client', a, i++);
    if (typeof v !== 'string') return v;
    if (opt === '-connect') connect = v;
    else if (opt === '-servername') servername = v;
    else caFile = v;
  }
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(connect ?? 'localhost:4433');
  if (!m) return out.err(`s_client: -connect argument or target parameter malformed or ambiguous\n`).done(1);
  const host = m[1];
  const port = Number(m[2] ?? 4433);
  const ipHost = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
  const sni = noSni ? undefined : servername ?? (ipHost ? undefined : host);
  const trusted = caFile !== undefined ? trustAnchors(ctx.fs.read(caFile) ?? '') : [];
  if (caFile !== undefined && ctx.fs.read(caFile) === undefined) return out.err(`Could not open file or uri for loading CA certificate from ${caFile}\n`).done(1);
  let handshake: TlsHandshake | undefined;
  const result = await httpCall(ctx, { host, port, path: '/', method: 'GET', headers: { host }, tls: { sni, verify: (hs) => ((handshake = hs), false) } });
  const errno = (reason: string, code: number) =>
    out.err(`40F7A1B2C37F0000:error:8000006F:system library:BIO_connect:${reason}:../crypto/bio/bio_sock2.c:114:calling connect()\n40F7A1B2C37F0000:error:10000067:BIO routines:BIO_connect:connect error:../crypto/bio/bio_sock2.c:116:\nconnect:errno=${code}\n`).done(1);
  switch (result.kind) {
    case 'interrupted':
      return out.done(130);
    case 'no-name':
      return out.err(`40F7A1B2C37F0000:error:10080002:BIO routines:BIO_lookup_ex:system lib:../crypto/bio/bio_addr.c:738:Name or service not known\nconnect:errno=0\n`).done(1);
    case 'refused':
      return errno('Connection refused', 111);
    case 'unreachable':
      return errno('No route to host', 113);
    case 'timeout':
    case 'stalled':
      return errno('Connection timed out', 110);
    case 'empty-reply':
    case 'tls-plain':
      out.out('CONNECTED(00000003)\n');
      out.err('40F7A1B2C37F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../ssl/record/ssl3_record.c:354:\n');
      out.out('---\nno peer certificate available\n---\nNo client certificate CA names sent\n---\nSSL handshake has read 5 bytes and written 299 bytes\nVerification: OK\n---\nNew, (NONE), Cipher is (NONE)\nSecure Renegotiation IS NOT supported\nCompression: NONE\nExpansion: NONE\nNo ALPN negotiated\nEarly data was not sent\nVerify return code: 0 (ok)\n---\n');
      return out.done(1);
    case 'response':
    case 'tls-rejected':
      break;
    default: {
      const never: never = result;
      return never;
    }
  }
  if (!handshake) return out.err('s_client: no handshake\n').done(1);
  const cert = handshake.choice.certificate;
  const pem = cert.pem ? cert.pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/)![0] : await defaultPem(cert);
  const verdict = verifyChain(cert.pem ? cert : { ...cert, pem }, trusted, ctx.cluster.now());
  const dn = opensslDn(cert.subject);
  out.out('CONNECTED(00000003)\n');
  let code = 0;
  let text = 'ok';
  if (!verdict.ok) {
    out.err(`depth=0 ${dn}\nverify error:num=${verdict.code}:${verdict.text}\nverify return:1\n`);
    code = verdict.code;
    text = verdict.text;
    if (verdict.code === 20) {
      out.err(`depth=0 ${dn}\nverify error:num=21:unable to verify the first certificate\nverify return:1\n`);
      code = 21;
      text = 'unable to verify the first certificate';
    }
  }
  out.err(`depth=0 ${dn}\nverify return:1\n`);
  const sigalg = cert.keyType === 'EC' ? 'ecdsa-with-SHA256' : 'RSA-SHA256';
  const pkey = cert.keyType === 'EC' ? `id-ecPublicKey, ${cert.keyBits} (bit)` : `rsaEncryption, ${cert.keyBits} (bit)`;
  out.out(`---\nCertificate chain\n 0 s:${dn}\n   i:${opensslDn(cert.issuer)}\n   a:PKEY: ${pkey}; sigalg: ${sigalg}\n   v:NotBefore: ${opensslDate(cert.notBeforeMs)}; NotAfter: ${opensslDate(cert.notAfterMs)}\n---\n`);
  out.out(`Server certificate\n${pem}subject=${dn}\nissuer=${opensslDn(cert.issuer)}\n---\n`);
  out.out(`No client certificate CA names sent\nPeer signing digest: SHA256\nPeer signature type: ${cert.keyType === 'EC' ? 'ECDSA' : 'RSA-PSS'}\nServer Temp Key: X25519, 253 bits\n---\n`);
  out.out(`SSL handshake has read ${1000 + pem.length} bytes and written 393 bytes\nVerification${code ? ` error: ${text}` : ': OK'}\n---\n`);
  out.out(`New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384\nServer public key is ${cert.keyBits} bit\nSecure Renegotiation IS NOT supported\nCompression: NONE\nExpansion: NONE\nNo ALPN negotiated\nEarly data was not sent\nVerify return code: ${code} (${text})\n---\nDONE\n`);
  return out.done(0);
}

async function defaultPem(cert: ServedCertificate): Promise<string> {
  const key = defaultCertificateKey(cert);
  let made = building.get(key);
  if (!made) {
    made = buildSelfSigned({ subject: cert.subject, dnsNames: cert.dnsNames, notBeforeMs: cert.notBeforeMs, notAfterMs: cert.notAfterMs, serialSeed: key, key: generateKey({ type: 'rsa', bits: 2048 }), profile: 'server' });
    building.set(key, made);
  }
  const pem = await made;
  DEFAULT_CERTIFICATE_PEMS.set(key, pem);
  return pem;
}
