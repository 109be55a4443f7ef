// kubectl create ingress (pkg/cmd/create/create_ingress.go, unchanged from v1.34): --rule
// `host/path=svc:port[,tls[=secret]]` (a trailing `*` makes the path Prefix, else Exact), --class,
// --default-backend, --annotation, --dry-run, -o and --save-config, with Complete → Validate → Run
// in kubectl's order and words. Rules and TLS entries are built with the same string splits as
// upstream, quirks included; the object then goes through the cluster's Ingress admission.

import { isApiError } from '../../../kube/api-errors';
import type { IngressRequest } from '../../../cluster/ingress-admission';
import type { Ingress, IngressPath, IngressRule, IngressServiceBackend } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { GLOBAL_FLAGS, bool, parseBool, str } from './flags';
import { LAST_APPLIED } from './manifest-apply';
import { flagErrorText, notModelledText, usageErrorText } from './kubectl-errors';
import { toYaml } from './printers/object-output';
import type { VerbInvocation } from './verb';

const COMMAND = 'kubectl create ingress';
const PRINTED = 'ingress.networking.k8s.io';

/** Flags only `create ingress` has; the other create subcommands refuse them. */
export const INGRESS_ONLY_FLAGS = [
  { name: 'class', kind: 'string' },
  { name: 'rule', kind: 'strings' },
  { name: 'default-backend', kind: 'string' },
  { name: 'annotation', kind: 'strings' },
] as const;

/** PrintFlags.AddFlags: every create subcommand has these. */
export const CREATE_PRINT_FLAGS = [
  { name: 'allow-missing-template-keys', kind: 'bool' },
  { name: 'show-managed-fields', kind: 'bool' },
  { name: 'template', kind: 'string' },
] as const;

const ACCEPTED = new Set<string>([
  ...INGRESS_ONLY_FLAGS.map((f) => f.name),
  ...CREATE_PRINT_FLAGS.map((f) => f.name),
  'dry-run', 'output', 'save-config', 'validate', 'field-manager',
  ...GLOBAL_FLAGS.map((f) => f.name),
]);

// ruleRegex (regexHostPathSvc + regexTLS); like Go's MatchString it is anchored only at the start.
const RULE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

type DryRun = 'none' | 'client' | 'server';
type Output = '' | 'json' | 'yaml' | 'name';

/** An index past the end of a Go slice: kubectl panics, as it does for rules such as `h/a=b=svc:80`. */
class GoPanic extends Error {}

function at(parts: string[], i: number): string {
  if (i >= parts.length) throw new GoPanic(`runtime error: index out of range [${i}] with length ${parts.length}`);
  return parts[i];
}

/** intstr.Parse: digits are a port number (int32, 0 meaning unset), anything else a port name. */
function backendPort(text: string): IngressServiceBackend['service']['port'] {
  if (/^[+-]?\d+$/.test(text)) {
    const number = Number(text) | 0;
    return number ? { number } : {};
  }
  return text ? { name: text } : {};
}

function backend(service: string): IngressServiceBackend {
  const parts = service.split(':');
  return { service: { name: parts[0], port: backendPort(at(parts, 1)) } };
}

function httpPath(pathSvc: string): IngressPath {
  const parts = pathSvc.split('=');
  let path = `/${parts[0]}`;
  let pathType: IngressPath['pathType'] = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(at(parts, 1)) };
}

/** buildIngressRules: one rule per host, paths appended in the order given. */
function buildRules(rules: readonly string[]): IngressRule[] {
  const built: IngressRule[] = [];
  for (const rule of rules) {
    const hostPath = rule.split(',')[0];
    const slash = hostPath.indexOf('/');
    const host = slash < 0 ? hostPath : hostPath.slice(0, slash);
    const path = httpPath(at(slash < 0 ? [hostPath] : [host, hostPath.slice(slash + 1)], 1));
    const same = built.find((r) => (r.host ?? '') === host);
    if (same) same.http!.paths.push(path);
    else built.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return built;
}

/** buildTLSRules: rules with exactly one `,`; a host joins the entry already holding its secret, once. */
function buildTls(rules: readonly string[]): NonNullable<Ingress['spec']['tls']> {
  const seen = new Set<string>();
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secretParts = parts[1].split('=');
    const secret = secretParts.length > 1 ? secretParts[1] : '';
    if (seen.has(host)) continue;
    seen.add(host);
    const same = tls.find((t) => (t.secretName ?? '') === secret);
    if (same) {
      same.hosts = [...(same.hosts ?? []), host];
      continue;
    }
    const entry = { ...(host ? { hosts: [host] } : {}), ...(secret ? { secretName: secret } : {}) };
    if (entry.hosts || entry.secretName) tls.push(entry);
  }
  return tls;
}

/** The object kubectl sends, its keys in Go struct order (json.Marshal of networkingv1.Ingress). */
function buildIngress(name: string, namespace: string | undefined, annotations: Record<string, string>, inv: VerbInvocation): Omit<Ingress, 'metadata'> & { metadata: { name: string; namespace?: string; annotations?: Record<string, string> } } {
  const cls = str(inv.args, 'class') ?? '';
  const defaultBackend = str(inv.args, 'default-backend') ?? '';
  const rules = list(inv, 'rule');
  const tls = buildTls(rules);
  const built = buildRules(rules);
  return {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    metadata: { name, ...(namespace ? { namespace } : {}), ...(Object.keys(annotations).length ? { annotations: sortedMap(annotations) } : {}) },
    spec: {
      ...(cls ? { ingressClassName: cls } : {}),
      ...(defaultBackend ? { defaultBackend: backend(defaultBackend) } : {}),
      ...(tls.length ? { tls } : {}),
      ...(built.length ? { rules: built } : {}),
    },
    status: { loadBalancer: {} },
  };
}

/** Go marshals a map with its keys sorted. */
function sortedMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));
}

function list(inv: VerbInvocation, flag: string): string[] {
  return (inv.args.flags.get(flag) as string[] | undefined) ?? [];
}

/** Go's json.Marshal: `<`, `>` and `&` escaped, keys in the order given. */
function goJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function dryRunOf(text: string): DryRun | undefined {
  const b = parseBool(text);
  if (b !== undefined) return b ? 'client' : 'none';
  switch (text) {
    case 'client':
    case 'server':
    case 'none':
      return text;
    default:
      return undefined;
  }
}

/** Complete's checks: flags this subcommand lacks, NAME, dry-run, printer, validate. */
function complete(inv: VerbInvocation, names: string[]): { name: string; dryRun: DryRun; output: Output } | string {
  for (const flag of inv.args.flags.keys()) if (!ACCEPTED.has(flag)) return flagErrorText(`unknown flag: --${flag}`, COMMAND);
  if (names.length !== 1) return usageErrorText(`exactly one NAME is required, got ${names.length}`, COMMAND);
  const dryRunText = str(inv.args, 'dry-run') ?? 'none';
  const dryRun = dryRunOf(dryRunText);
  if (!dryRun) return `error: Invalid dry-run value (${dryRunText}). Must be "none", "server", or "client".\n`;
  if (str(inv.args, 'template')) return notModelledText('--template for kubectl create');
  const output = (str(inv.args, 'output') ?? '').toLowerCase();
  switch (output) {
    case '':
    case 'json':
    case 'yaml':
    case 'name':
      break;
    case 'go-template': case 'go-template-file': case 'template': case 'templatefile': case 'jsonpath': case 'jsonpath-as-json': case 'jsonpath-file':
      return notModelledText(`-o ${output} for kubectl create`);
    default:
      return `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n`;
  }
  const validate = str(inv.args, 'validate') ?? 'strict';
  if (parseBool(validate) === undefined && !['strict', 'warn', 'ignore'].includes(validate)) {
    return `error: invalid - validate option "${validate}"; must be one of: strict (or true), warn, ignore (or false)\n`;
  }
  return { name: names[0], dryRun, output: output as Output };
}

/** Validate: the messages of CreateIngressOptions.Validate, in its order. */
function validate(inv: VerbInvocation): string | undefined {
  const defaultBackend = str(inv.args, 'default-backend') ?? '';
  const rules = list(inv, 'rule');
  if (!defaultBackend && rules.length === 0) return 'not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)';
  for (const rule of rules) if (!RULE.test(rule)) return `rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`;
  for (const annotation of list(inv, 'annotation')) if (!annotation.includes('=')) return `annotation ${annotation} is invalid and should be in format key=[value]`;
  if (defaultBackend && defaultBackend.split(':').length !== 2) return 'default-backend should be in format servicename:serviceport';
  return undefined;
}

export async function createIngress(inv: VerbInvocation, out: OutputBuilder, names: string[]): Promise<CommandOutput> {
  const options = complete(inv, names);
  if (typeof options === 'string') return out.err(options).done(1);
  const problem = validate(inv);
  if (problem) return out.err(`error: ${problem}\n`).done(1);

  const annotations: Record<string, string> = {};
  for (const a of list(inv, 'annotation')) annotations[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
  let ingress: ReturnType<typeof buildIngress>;
  try {
    ingress = buildIngress(options.name, inv.explicitNamespace ? inv.namespace : undefined, annotations, inv);
  } catch (error) {
    if (!(error instanceof GoPanic)) throw error;
    // A Go panic prints its message and a goroutine trace and exits 2; the trace is left out.
    return out.err(`panic: ${error.message}\n`).done(2);
  }
  // util.CreateOrUpdateAnnotation: the object as JSON, before the annotation itself is added.
  if (bool(inv.args, 'save-config')) ingress.metadata.annotations = sortedMap({ ...annotations, [LAST_APPLIED]: `${goJson(ingress)}\n` });

  let printed: object = ingress;
  let operation = 'created';
  switch (options.dryRun) {
    case 'client':
      operation = 'created (dry run)';
      break;
    case 'none':
    case 'server':
      try {
        printed = inv.ctx.cluster.api.create('ingresses', requestOf(ingress, inv.namespace), { dryRun: options.dryRun === 'server' });
      } catch (error) {
        if (!isApiError(error)) throw error;
        return out.err(`error: failed to create ingress: ${error.message}\n`).done(1);
      }
      if (options.dryRun === 'server') operation = 'created (server dry run)';
      break;
    default: {
      const never: never = options.dryRun;
      return never;
    }
  }
  return out.out(await print(printed, options.output, options.name, operation)).done(0);
}

async function print(obj: object, output: Output, name: string, operation: string): Promise<string> {
  switch (output) {
    case '':
      return `${PRINTED}/${name} ${operation}\n`;
    case 'name':
      return `${PRINTED}/${name}\n`;
    case 'yaml':
      return toYaml(structOrder(obj as Ingress));
    case 'json':
      // The typed object, so Go struct order rather than the sorted keys of `kubectl get -o json`.
      return `${goJson(structOrder(obj as Ingress), 4)}\n`;
    default: {
      const never: never = output;
      return never;
    }
  }
}

const META_ORDER = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'labels', 'annotations'] as const;

/** A stored Ingress re-keyed as networkingv1.Ingress marshals: TypeMeta, ObjectMeta, spec, status. */
function structOrder(ing: Ingress): object {
  const meta = ing.metadata as unknown as Record<string, unknown>;
  // omitempty: a server dry run's object has no resourceVersion.
  const metadata = Object.fromEntries(META_ORDER.filter((k) => meta[k] !== undefined && meta[k] !== '').map((k) => [k, meta[k]]));
  const { ingressClassName, defaultBackend, tls, rules } = ing.spec;
  return { kind: ing.kind, apiVersion: ing.apiVersion, metadata, spec: { ingressClassName, defaultBackend, tls, rules }, status: ing.status };
}

function requestOf(ing: ReturnType<typeof buildIngress>, namespace: string): IngressRequest {
  return {
    name: ing.metadata.name,
    namespace,
    ...(ing.metadata.annotations ? { annotations: ing.metadata.annotations } : {}),
    ...ing.spec,
  };
}
