// `openssl x509`: reads a PEM certificate (-in FILE or stdin) and prints the fields asked for, in
// the order the options were given, as OpenSSL 3 does: -subject, -issuer, -dates, -startdate,
// -enddate, -serial, -fingerprint [-sha256], -ext subjectAltName, -text; then the PEM itself
// unless -noout (or into -out FILE). Names use OpenSSL 3's one-line form `CN = x, O = y`.

import { X509Certificate } from 'node:crypto';
import { OutputBuilder, type CommandContext, type CommandOutput } from '../../command-types';
import { opensslDate, opensslDn, pemCertificates, servedFromPem } from '../../../dataplane/tls/certificate';
import { certificateText } from './x509-text';
import { optionValue, unknownOption } from './openssl-options';

type Print = 'subject' | 'issuer' | 'dates' | 'startdate' | 'enddate' | 'serial' | 'fingerprint' | 'text' | { ext: string };

export async function x509(ctx: CommandContext): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const a = ctx.args;
  const prints: Print[] = [];
  let input: string | undefined;
  let outFile: string | undefined;
  let noout = false;
  let digest = 'sha1';
  for (let i = 0; i < a.length; i++) {
    const opt = a[i].replace(/^--/, '-');
    switch (opt) {
      case '-help':
        return out.err('Usage: x509 [options]\n -in infile  Certificate input\n -out outfile  Output file\n -noout  No output\n -text  Print the certificate in text form\n -subject  Print subject\n -issuer  Print issuer\n -dates  Print notBefore and notAfter\n -serial  Print serial number\n -fingerprint  Print the certificate fingerprint\n -ext val  Restrict which X.509 extensions to print\n').done(0);
      case '-noout':
        noout = true;
        continue;
      case '-subject':
      case '-issuer':
      case '-dates':
      case '-startdate':
      case '-enddate':
      case '-serial':
      case '-fingerprint':
      case '-text':
        prints.push(opt.slice(1) as Print);
        continue;
      case '-sha1':
      case '-sha256':
      case '-sha512':
        digest = opt.slice(1);
        continue;
      case '-nameopt':
      case '-in':
      case '-out':
      case '-ext': {
        const v = optionValue('x509', a, i++);
        if (typeof v !== 'string') return v;
        if (opt === '-in') input = v;
        else if (opt === '-out') outFile = v;
        else if (opt === '-ext') prints.push({ ext: v });
        continue;
      }
      default:
        return unknownOption('x509', a[i], true);
    }
  }
  const text = input === undefined ? ctx.stdin : ctx.fs.read(input);
  if (text === undefined) return out.err(`Could not open file or uri for loading certificate from ${input}\n`).done(1);
  const pem = pemCertificates(text)[0];
  const served = pem ? servedFromPem(pem) : undefined;
  if (!pem || !served) return out.err('Could not read certificate from ' + (input ?? '<stdin>') + '\nUnable to load certificate\n').done(1);
  const cert = new X509Certificate(pem);
  for (const p of prints) {
    if (typeof p === 'object') {
      out.out(extension(cert, p.ext));
      continue;
    }
    switch (p) {
      case 'subject':
        out.out(`subject=${opensslDn(served.subject)}\n`);
        break;
      case 'issuer':
        out.out(`issuer=${opensslDn(served.issuer)}\n`);
        break;
      case 'dates':
        out.out(`notBefore=${opensslDate(served.notBeforeMs)}\nnotAfter=${opensslDate(served.notAfterMs)}\n`);
        break;
      case 'startdate':
        out.out(`notBefore=${opensslDate(served.notBeforeMs)}\n`);
        break;
      case 'enddate':
        out.out(`notAfter=${opensslDate(served.notAfterMs)}\n`);
        break;
      case 'serial':
        out.out(`serial=${cert.serialNumber.toUpperCase()}\n`);
        break;
      case 'fingerprint': {
        const fp = digest === 'sha256' ? cert.fingerprint256 : digest === 'sha512' ? cert.fingerprint512 : cert.fingerprint;
        out.out(`${digest === 'sha1' ? 'SHA1' : digest} Fingerprint=${fp}\n`);
        break;
      }
      case 'text':
        out.out(await certificateText(pem));
        break;
      default: {
        const never: never = p;
        return never;
      }
    }
  }
  if (outFile !== undefined) {
    const written = ctx.fs.write(outFile, pem);
    if (!written.ok) return out.err(`Could not open file or uri for writing ${outFile}: ${written.reason}\n`).done(1);
  } else if (!noout) out.out(pem);
  return out.done(0);
}

/** `-ext subjectAltName`: node:crypto already renders the names as OpenSSL does (`DNS:a, IP Address:b`). */
function extension(cert: X509Certificate, name: string): string {
  for (const w of name.split(',').map((s) => s.trim())) if (w !== 'subjectAltName') return `Invalid extension name: ${w}\n`;
  return cert.subjectAltName ? `X509v3 Subject Alternative Name: \n    ${cert.subjectAltName}\n` : '';
}
