// kubectl set env (pkg/cmd/set/set_env.go): `set env TYPE/NAME KEY=VALUE ... [KEY-]` sets or
// removes environment variables in the containers of a pod or a workload's pod template (all of
// them, or those `-c` names); a Deployment's changed template then rolls out. `--list` prints each
// container's variables as set_env.go does (`# Deployment web, container app` then `KEY=VALUE`).
// Like set image, an unchanged object prints nothing. --from, --keys, --prefix, --resolve, -e and
// --overwrite=false are not modelled.

import { isApiError } from '../../../kube/api-errors';
import { qualifiedSingular, type ResourceInfo } from '../../../cluster/resources';
import type { Container, EnvVar, PodSpec, PodTemplateSpec } from '../../../kube/types';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { bool, str } from './flags';
import { apiErrorText, notModelledText } from './kubectl-errors';
import { parseTargets } from './resource-args';
import type { VerbInvocation } from './verb';

type WithPodSpec = { kind: string; spec: PodSpec | { template: PodTemplateSpec }; metadata: { name: string; generation?: number } };

const WITH_POD_SPEC = new Set(['pods', 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'jobs']);

function podSpecOf(obj: WithPodSpec): PodSpec {
  return 'template' in obj.spec ? obj.spec.template.spec : obj.spec;
}

/** cmdutil.GetResourcesAndPairs then ParseEnv: resources first, then KEY=VALUE and KEY- items. */
function splitArgs(args: readonly string[]): { ok: true; resources: string[]; set: Map<string, string>; remove: string[] } | { ok: false; error: string } {
  const resources: string[] = [];
  const set = new Map<string, string>();
  const remove: string[] = [];
  let pairs = false;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) {
      pairs = true;
      set.set(a.slice(0, eq), a.slice(eq + 1));
    } else if (a.endsWith('-') && a.length > 1) {
      pairs = true;
      remove.push(a.slice(0, -1));
    } else if (pairs) return { ok: false, error: `error: all resources must be specified before environment changes: ${a}\n` };
    else resources.push(a);
  }
  for (const key of set.keys()) {
    if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) return { ok: false, error: `error: invalid key name: "${key}"\n` };
  }
  return { ok: true, resources, set, remove };
}

export function setEnv(inv: VerbInvocation, out: OutputBuilder, rest: readonly string[]): CommandOutput {
  for (const flag of ['from', 'keys', 'prefix', 'env']) if (str(inv.args, flag) !== undefined) return out.err(notModelledText(`kubectl set env --${flag}`)).done(1);
  if (inv.args.flags.get('overwrite') === false) return out.err(notModelledText('kubectl set env --overwrite=false')).done(1);
  const split = splitArgs(rest);
  if (!split.ok) return out.err(split.error).done(1);
  const { resources, set, remove } = split;
  const list = bool(inv.args, 'list');
  const containerPattern = str(inv.args, 'containers') ?? '*';
  if (resources.length === 0) return out.err("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n").done(1);
  if (!list && set.size === 0 && remove.length === 0) return out.err('error: at least one environment variable must be provided\n').done(1);
  const parsed = parseTargets(resources);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  if (parsed.targets.some((t) => t.name === undefined)) return out.err('error: resource(s) were provided, but no name was specified\n').done(1);
  const { cluster } = inv.ctx;
  const errors: string[] = [];
  const found: { info: ResourceInfo; name: string }[] = [];
  for (const t of parsed.targets) {
    const name = t.name!;
    if (!cluster.get(t.info.resource, inv.namespace, name)) errors.push(`Error from server (NotFound): ${t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource} "${name}" not found\n`);
    else found.push({ info: t.info, name });
  }
  if (errors.length) return out.err(errors.join('')).done(1);
  const picks = (c: Container) => containerPattern === '*' || c.name === containerPattern;
  for (const { info, name } of found) {
    if (!WITH_POD_SPEC.has(info.resource)) {
      errors.push(`error: ${info.resource}/${name} the object is not a pod or does not have a pod template: *v1.${info.kind}\n`);
      continue;
    }
    const obj = cluster.get(info.resource, inv.namespace, name) as unknown as WithPodSpec;
    const containers = podSpecOf(obj).containers.filter(picks);
    if (containers.length === 0) {
      errors.push(`warning: ${info.kind}/${name} does not have any containers matching "${containerPattern}"\n`);
      continue;
    }
    if (list) {
      for (const c of containers) {
        out.out(`# ${info.kind} ${name}, container ${c.name}\n`);
        for (const e of c.env ?? []) out.out(e.value !== undefined ? `${e.name}=${e.value}\n` : `# ${e.name} from a reference\n`);
      }
      continue;
    }
    const changed = containers.some((c) => updatedEnv(c.env ?? [], set, remove).changed);
    if (!changed) continue;
    try {
      cluster.api.patch(info.resource as 'deployments', inv.namespace, name, (o) => {
        for (const c of podSpecOf(o as unknown as WithPodSpec).containers.filter(picks)) {
          const next = updatedEnv(c.env ?? [], set, remove).env;
          if (next.length) c.env = next;
          else delete c.env;
        }
        if ('template' in o.spec) o.metadata.generation += 1;
      });
    } catch (error) {
      if (!isApiError(error)) throw error;
      errors.push(`failed to patch env update to pod template: ${apiErrorText(error).replace(/^Error from server \([A-Za-z]+\): /, '')}`);
      continue;
    }
    out.out(`${qualifiedSingular(info)}/${name} env updated\n`);
  }
  for (const e of errors) out.err(e);
  return out.done(errors.length ? 1 : 0);
}

/** updateEnv: existing names are overwritten in place, new ones appended, removed ones dropped. */
function updatedEnv(env: readonly EnvVar[], set: ReadonlyMap<string, string>, remove: readonly string[]): { env: EnvVar[]; changed: boolean } {
  let changed = false;
  const out: EnvVar[] = [];
  for (const e of env) {
    if (remove.includes(e.name)) {
      changed = true;
      continue;
    }
    const value = set.get(e.name);
    if (value !== undefined && (e.value !== value || e.valueFrom)) {
      out.push({ name: e.name, value });
      changed = true;
    } else out.push(e);
  }
  for (const [name, value] of set) {
    if (env.some((e) => e.name === name)) continue;
    out.push({ name, value });
    changed = true;
  }
  return { env: out, changed };
}
