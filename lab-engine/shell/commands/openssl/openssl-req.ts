// `openssl req -x509` (a self-signed certificate, with a new key or -key FILE) and `openssl genrsa`.
// The certificate follows OpenSSL 3's default v3_ca profile (subject/authority key identifiers,
// CA:TRUE critical) plus any -addext subjectAltName; validity starts at the simulated clock and
// lasts -days (30 by default). Without -subj OpenSSL would prompt, which a lab shell cannot do.

import { OutputBuilder, type CommandContext, type CommandOutput } from '../../command-types';
import { buildSelfSigned, generateKey, loadKey, type GeneratedKey, type KeySpec } from '../../../dataplane/tls/certificate-builder';
import { optionValue, progressDots, unknownOption } from './openssl-options';

const DAY_MS = 24 * 60 * 60 * 1000;
const NAME_KEYS = new Set(['CN', 'O', 'OU', 'C', 'ST', 'L', 'emailAddress', 'DC']);
const MAX_DAYS = 36_500;

const REQ_HELP = `Usage: req [options]
 -x509               Output an X.509 certificate instead of a certificate request
 -new                New request
 -newkey val         Generate new key with [<alg>:]<nbits> or <alg>[:<file>] or param:<file>
 -pkeyopt val        Public key options as opt:value
 -key val            Key for signing, and to include unless -in given
 -keyout outfile     File to write private key to
 -out outfile        Output file
 -nodes              Don't encrypt private keys; deprecated
 -noenc              Don't encrypt private keys
 -days +int          Number of days cert is valid for
 -subj val           Set or modify subject of request or cert
 -addext val         Additional cert extension key=value pair (may be given more than once)
 -*                  Any supported digest
`;

export async function req(ctx: CommandContext): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const a = ctx.args;
  let x509 = false;
  let days = 30;
  let newkey: string | undefined;
  let keyFile: string | undefined;
  let keyout: string | undefined;
  let outFile: string | undefined;
  let subj: string | undefined;
  let curve = 'P-256';
  let hash: 'SHA-256' | 'SHA-384' | 'SHA-512' = 'SHA-256';
  const addext: string[] = [];
  for (let i = 0; i < a.length; i++) {
    const opt = a[i].replace(/^--/, '-');
    const flag = ['-x509', '-new', '-nodes', '-noenc', '-batch', '-quiet', '-verbose', '-text', '-noout', '-help', '-sha256', '-sha384', '-sha512'];
    if (flag.includes(opt)) {
      if (opt === '-help') return out.err(REQ_HELP).done(0);
      if (opt === '-x509') x509 = true;
      if (opt.startsWith('-sha')) hash = `SHA-${opt.slice(4)}` as typeof hash;
      continue;
    }
    if (!['-newkey', '-key', '-keyout', '-out', '-days', '-subj', '-addext', '-pkeyopt'].includes(opt)) return unknownOption('req', a[i], true);
    const v = optionValue('req', a, i++);
    if (typeof v !== 'string') return v;
    if (opt === '-newkey') newkey = v;
    else if (opt === '-key') keyFile = v;
    else if (opt === '-keyout') keyout = v;
    else if (opt === '-out') outFile = v;
    else if (opt === '-subj') subj = v;
    else if (opt === '-addext') addext.push(v);
    else if (opt === '-pkeyopt') {
      const m = /^ec_paramgen_curve:(prime256v1|P-256|secp384r1|P-384)$/.exec(v);
      if (!m) return out.err(`req: Error setting ${v} parameter:\n`).done(1);
      curve = m[1] === 'secp384r1' || m[1] === 'P-384' ? 'P-384' : 'P-256';
    } else {
      days = Number(v);
      if (!/^\d+$/.test(v) || days < 1 || days > MAX_DAYS) return out.err(`req: Non-positive number "${v}" for option -days\nreq: Use -help for summary.\n`).done(1);
    }
  }
  if (!x509) return out.err('req: Flatnet simulates `openssl req -x509` (a self-signed certificate); certificate requests (CSRs) are not simulated\n').done(1);
  if (subj === undefined) return out.err('req: add -subj "/CN=host.example.com": OpenSSL would prompt for each field here, and this shell has no prompts\n').done(1);
  const subject = parseSubject(subj);
  if ('error' in subject) return out.err(subject.error).done(1);
  const names = parseAltNames(addext);
  if ('error' in names) return out.err(names.error).done(1);
  let key: GeneratedKey;
  if (keyFile !== undefined) {
    const text = ctx.fs.read(keyFile);
    if (text === undefined) return out.err(`Could not open file or uri for loading private key from ${keyFile}\n`).done(1);
    const loaded = loadKey(text);
    if (!loaded) return out.err(`Could not read private key from ${keyFile}\n`).done(1);
    key = loaded;
  } else {
    const spec = keySpec(newkey ?? 'rsa:2048', curve);
    if ('error' in spec) return out.err(spec.error).done(1);
    key = generateKey(spec);
  }
  const now = ctx.cluster.now();
  const seed = `${now}|${subj}|${addext.join(',')}|${keyout ?? ''}|${outFile ?? ''}`;
  if (keyFile === undefined && key.spec.type === 'rsa') out.err(progressDots(seed));
  if (keyFile === undefined) {
    if (keyout === undefined) out.out(key.pem);
    else if (!write(ctx, out, keyout, key.pem)) return out.done(1);
    out.err('-----\n');
  }
  const pem = await buildSelfSigned({ subject: subject.pairs, dnsNames: names.dns, ipAddresses: names.ip, notBeforeMs: now, notAfterMs: now + days * DAY_MS, serialSeed: seed, key, hash, profile: 'ca' });
  if (outFile === undefined) out.out(pem);
  else if (!write(ctx, out, outFile, pem)) return out.done(1);
  return out.done(0);
}

export async function genrsa(ctx: CommandContext): Promise<CommandOutput> {
  const out = new OutputBuilder();
  let outFile: string | undefined;
  let bits = 2048;
  for (let i = 0; i < ctx.args.length; i++) {
    const opt = ctx.args[i];
    if (opt === '-help') return out.err('Usage: genrsa [options] numbits\n -out outfile  Output the key to specified file\n').done(0);
    if (opt === '-out') {
      const v = optionValue('genrsa', ctx.args, i++);
      if (typeof v !== 'string') return v;
      outFile = v;
    } else if (/^\d+$/.test(opt)) bits = Number(opt);
    else return unknownOption('genrsa', opt, false);
  }
  if (bits < 512 || bits > 4096) return out.err(`genrsa: Flatnet generates RSA keys of 512 to 4096 bits\n`).done(1);
  const key = generateKey({ type: 'rsa', bits });
  out.err(progressDots(`${ctx.cluster.now()}|genrsa|${outFile ?? ''}`));
  if (outFile === undefined) out.out(key.pem);
  else if (!write(ctx, out, outFile, key.pem)) return out.done(1);
  return out.done(0);
}

function write(ctx: CommandContext, out: OutputBuilder, path: string, text: string): boolean {
  const written = ctx.fs.write(path, text);
  if (!written.ok) out.err(`Could not open file or uri for writing ${path}: ${written.reason}\n`);
  return written.ok;
}

function keySpec(newkey: string, curve: string): KeySpec | { error: string } {
  const rsa = /^rsa(?::(\d+))?$/.exec(newkey);
  if (rsa) {
    const bits = Number(rsa[1] ?? 2048);
    if (bits < 512 || bits > 4096) return { error: `req: Flatnet generates RSA keys of 512 to 4096 bits\n` };
    return { type: 'rsa', bits };
  }
  if (newkey === 'ec') return { type: 'ec', curve: curve === 'P-384' ? 'P-384' : 'P-256' };
  return { error: `req: Unknown algorithm ${newkey.split(':')[0]} (Flatnet simulates rsa:BITS and ec)\n` };
}

/** `/CN=foo.bar.com/O=foo` → [['CN','foo.bar.com'], ['O','foo']]. */
export function parseSubject(subj: string): { pairs: [string, string][] } | { error: string } {
  if (!subj.startsWith('/')) return { error: `req: name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${subj}'\n` };
  const pairs: [string, string][] = [];
  for (const part of subj.slice(1).split(/(?<!\\)\//).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i < 1) return { error: `req: Hit end of string before finding the '='\n` };
    const key = part.slice(0, i);
    if (!NAME_KEYS.has(key)) return { error: `req: Skipping unknown subject name attribute "${key}"\n` };
    pairs.push([key, part.slice(i + 1).replace(/\\\//g, '/')]);
  }
  return { pairs };
}

function parseAltNames(addext: readonly string[]): { dns: string[]; ip: string[] } | { error: string } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const ext of addext) {
    const m = /^\s*subjectAltName\s*=\s*(.+)$/.exec(ext);
    if (!m) return { error: `req: Flatnet simulates -addext "subjectAltName=DNS:...,IP:..." only (got "${ext}")\n` };
    for (const item of m[1].split(',').map((s) => s.trim())) {
      if (item.startsWith('DNS:')) dns.push(item.slice(4));
      else if (item.startsWith('IP:')) ip.push(item.slice(3));
      else return { error: `req: Error in extension "subjectAltName": unsupported name "${item}" (use DNS: or IP:)\n` };
    }
  }
  return { dns, ip };
}
