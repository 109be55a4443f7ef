// kubectl create configmap / secret generic / secret tls (create_configmap.go, create_secret.go,
// create_secret_tls.go): data from --from-literal=key=value, --from-file=[key=]path (a directory
// adds each file in it), --from-env-file; keys checked as config keys; TLS pairs read from
// --cert/--key and checked for PEM blocks (the simulator cannot verify that the key matches).

import { isApiError } from '../../../kube/api-errors';
import { TLS_SECRET } from '../../../cluster/config-admission';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import type { VirtualFs } from '../../virtual-fs';
import { str } from './flags';
import { usageErrorText } from './kubectl-errors';
import type { VerbInvocation } from './verb';

export const CONFIG_FLAGS = [
  { name: 'from-literal', kind: 'strings' },
  { name: 'from-file', kind: 'strings' },
  { name: 'from-env-file', kind: 'strings' },
  { name: 'cert', kind: 'string' },
  { name: 'key', kind: 'string' },
  { name: 'type', kind: 'string' },
  { name: 'append-hash', kind: 'bool' },
] as const;

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const KEY_RULE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

type Collected = { ok: true; data: Record<string, string> } | { ok: false; error: string };

/** The key/value pairs the --from-* flags name, in kubectl's order: files, literals, env files. */
function collect(inv: VerbInvocation, kind: 'ConfigMap' | 'Secret', name: string): Collected {
  const data: Record<string, string> = {};
  const list = (flag: string) => (inv.args.flags.get(flag) as string[] | undefined) ?? [];
  const add = (key: string, value: string): string | undefined => {
    if (!CONFIG_KEY.test(key)) return `error: "${key}" is not a valid key name for a ${kind}: ${KEY_RULE}\n`;
    if (Object.hasOwn(data, key)) return `error: cannot add key "${key}", another key by that name already exists in ${kind === 'ConfigMap' ? 'Data' : 'data'} for ${kind} "${name}"\n`;
    data[key] = value;
    return undefined;
  };
  for (const source of list('from-file')) {
    const eq = source.indexOf('=');
    const [key, path] = eq < 0 ? [undefined, source] : [source.slice(0, eq), source.slice(eq + 1)];
    if (eq >= 0 && (!key || !path)) return { ok: false, error: `error: key names or file paths cannot be empty: "${source}"\n` };
    const files = readSource(inv.ctx.fs, path, key);
    if (!files.ok) return files;
    for (const [k, v] of Object.entries(files.data)) {
      const problem = add(k, v);
      if (problem) return { ok: false, error: problem };
    }
  }
  for (const literal of list('from-literal')) {
    const eq = literal.indexOf('=');
    if (eq <= 0) return { ok: false, error: `error: invalid literal source ${literal}, expected key=value\n` };
    const problem = add(literal.slice(0, eq), literal.slice(eq + 1).replace(/^["']|["']$/g, ''));
    if (problem) return { ok: false, error: problem };
  }
  for (const path of list('from-env-file')) {
    const text = inv.ctx.fs.read(path);
    if (text === undefined) return { ok: false, error: `error: open ${path}: no such file or directory\n` };
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.replace(/^\uFEFF/, '').trimStart();
      if (!line || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq <= 0) return { ok: false, error: `error: "${line}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${i + 1})\n` };
      const problem = add(line.slice(0, eq), line.slice(eq + 1));
      if (problem) return { ok: false, error: problem };
    }
  }
  return { ok: true, data };
}

/** A file's text under its base name (or the given key), or every file directly inside a directory. */
function readSource(fs: VirtualFs, path: string, key: string | undefined): Collected {
  if (fs.isDirectory(path)) {
    if (key) return { ok: false, error: 'error: cannot give a key name for a directory path\n' };
    const data: Record<string, string> = {};
    for (const entry of fs.list(path)) {
      if (entry.endsWith('/') || !CONFIG_KEY.test(entry)) continue;
      data[entry] = fs.read(`${fs.resolve(path)}/${entry}`) ?? '';
    }
    return { ok: true, data };
  }
  const text = fs.read(path);
  if (text === undefined) return { ok: false, error: `error: error reading ${path}: no such file or directory\n` };
  return { ok: true, data: { [key ?? path.split('/').pop()!]: text } };
}

function oneName(names: string[], command: string): string | CommandOutput {
  if (names.length !== 1) return new OutputBuilder().err(usageErrorText(`exactly one NAME is required, got ${names.length}`, command)).done(1);
  return names[0];
}

export function createConfigMap(inv: VerbInvocation, out: OutputBuilder, names: string[]): CommandOutput {
  const name = oneName(names, 'kubectl create configmap');
  if (typeof name !== 'string') return name;
  const collected = collect(inv, 'ConfigMap', name);
  if (!collected.ok) return out.err(collected.error).done(1);
  try {
    inv.ctx.cluster.api.create('configmaps', { name, namespace: inv.namespace, data: collected.data });
  } catch (error) {
    if (!isApiError(error)) throw error;
    return out.err(`error: failed to create configmap: ${error.message}\n`).done(1);
  }
  return out.out(`configmap/${name} created\n`).done(0);
}

export function createSecret(inv: VerbInvocation, out: OutputBuilder, args: string[]): CommandOutput {
  const [sub, ...names] = args;
  if (sub !== 'generic' && sub !== 'tls') {
    if (sub === 'docker-registry') return out.err('error: kubectl create secret docker-registry is not simulated in Flatnet; use generic or tls\n').done(1);
    return out.err(usageErrorText(sub ? `unknown command "${sub}" for "kubectl create secret"` : 'Required resource not specified.', 'kubectl create secret')).done(1);
  }
  const name = oneName(names, `kubectl create secret ${sub}`);
  if (typeof name !== 'string') return name;
  let data: Record<string, string>;
  let type: string;
  if (sub === 'tls') {
    const cert = str(inv.args, 'cert');
    const key = str(inv.args, 'key');
    if (!cert || !key) return out.err('error: key and cert must be specified\n').done(1);
    const certText = inv.ctx.fs.read(cert);
    if (certText === undefined) return out.err(`error: open ${cert}: no such file or directory\n`).done(1);
    const keyText = inv.ctx.fs.read(key);
    if (keyText === undefined) return out.err(`error: open ${key}: no such file or directory\n`).done(1);
    const pemProblem = checkPemPair(certText, keyText);
    if (pemProblem) return out.err(`error: ${pemProblem}\n`).done(1);
    data = { 'tls.crt': certText, 'tls.key': keyText };
    type = TLS_SECRET;
  } else {
    const collected = collect(inv, 'Secret', name);
    if (!collected.ok) return out.err(collected.error).done(1);
    data = collected.data;
    type = str(inv.args, 'type') || 'Opaque';
  }
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  try {
    inv.ctx.cluster.api.create('secrets', { name, namespace: inv.namespace, type, data: encoded });
  } catch (error) {
    if (!isApiError(error)) throw error;
    return out.err(`error: failed to create secret ${error.message}\n`).done(1);
  }
  return out.out(`secret/${name} created\n`).done(0);
}

/** What crypto/tls.X509KeyPair says first about PEM input that holds no certificate or no key. */
function checkPemPair(cert: string, key: string): string | undefined {
  const blocks = (text: string) => [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].map((m) => m[1]);
  const certBlocks = blocks(cert);
  if (certBlocks.length === 0) return 'tls: failed to find any PEM data in certificate input';
  if (!certBlocks.includes('CERTIFICATE')) return `tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certBlocks.join(' ')}]`;
  const keyBlocks = blocks(key);
  if (keyBlocks.length === 0) return 'tls: failed to find any PEM data in key input';
  if (!keyBlocks.some((b) => b === 'PRIVATE KEY' || b.endsWith(' PRIVATE KEY'))) return 'tls: found a certificate rather than a key in the PEM for the private key';
  return undefined;
}
