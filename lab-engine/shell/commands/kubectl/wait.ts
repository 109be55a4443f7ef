// kubectl wait (kubectl pkg/cmd/wait): blocks until each named object meets --for —
// `condition=NAME[=value]` (status.conditions, case-insensitive), `jsonpath='{...}'[=value]`,
// `delete` or `create` — on the simulated clock, waking at each lifecycle event rather than
// polling, with one --timeout (default 30s) for the whole command as kubectl's context has.
// Success prints `<kind>/<name> condition met` per object; a timeout is kubectl's
// "timed out waiting for the condition on <resource>/<name>", exit 1.

import { qualifiedSingular, type ResourceInfo } from '../../../cluster/resources';
import { parseTemplate } from '../../../kube/jsonpath/parse';
import { findResults } from '../../../kube/jsonpath/evaluate';
import { isGoMap, goSprint } from '../../../kube/jsonpath/go-values';
import type { TemplateNode } from '../../../kube/jsonpath/parse';
import { OutputBuilder, type CommandOutput } from '../../command-types';
import { parseTimeout } from './delete';
import { bool, str } from './flags';
import { relaxedPath } from './printers/template-output';
import { parseTargets } from './resource-args';
import { matchesSelector, parseSelector } from '../../../kube/label-selector';
import { OPTIONS_TRAILER, type KubectlVerb, type VerbInvocation } from './verb';

const HELP = `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.

Examples:
  # Wait for the pod "busybox1" to contain the status condition of type "Ready"
  kubectl wait --for=condition=Ready pod/busybox1

  # Wait for all pods labelled app=web to be Ready, for at most a minute
  kubectl wait --for=condition=Ready pod -l app=web --timeout=60s

  # Wait for the deployment "web" to be Available
  kubectl wait --for=condition=Available deployment/web

  # Wait for the pod "busybox1" to reach the Running phase
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s

Options:
    --all=false:
\tSelect all resources in the namespace of the specified resource types

    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --for='':
\tThe condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.

    --timeout=30s:
\tThe length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week.

Usage:
  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]

${OPTIONS_TRAILER}`;

export const wait: KubectlVerb = {
  name: 'wait',
  flags: [
    { name: 'for', kind: 'string' },
    { name: 'timeout', kind: 'string' },
    { name: 'selector', short: 'l', kind: 'string' },
    { name: 'all', kind: 'bool' },
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'output', short: 'o', kind: 'string', unsupported: true },
    { name: 'filename', short: 'f', kind: 'strings', unsupported: true },
    { name: 'field-selector', kind: 'string', unsupported: true },
  ],
  help: HELP,
  run: runWait,
};

type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; status: string }
  | { kind: 'jsonpath'; template: TemplateNode[]; value: string | undefined };

type ConditionParse = { ok: true; condition: Condition } | { ok: false; error: string };

/** conditionFuncFor: the --for grammar and its error texts. */
export function parseCondition(text: string): ConditionParse {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { ok: true, condition: { kind: 'delete' } };
  if (lower === 'create') return { ok: true, condition: { kind: 'create' } };
  if (text.startsWith('condition=')) {
    const rest = text.slice('condition='.length);
    const eq = rest.indexOf('=');
    return { ok: true, condition: { kind: 'condition', type: eq < 0 ? rest : rest.slice(0, eq), status: eq < 0 ? 'true' : rest.slice(eq + 1) } };
  }
  if (text.startsWith('jsonpath=')) {
    const parts = splitOnSingleEquals(text.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) return { ok: false, error: "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'" };
    const expression = relaxedPath(parts[0]);
    if (expression === undefined) return { ok: false, error: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
    if (expression === '') return { ok: false, error: 'jsonpath expression cannot be empty' };
    const parsed = parseTemplate(expression);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const value = parts.length === 2 ? parts[1].replace(/^['"]+|['"]+$/g, '') : undefined;
    if (value === '') return { ok: false, error: "jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3" };
    return { ok: true, condition: { kind: 'jsonpath', template: parsed.template, value } };
  }
  return { ok: false, error: `unrecognized condition: ${JSON.stringify(text)}` };
}

/** splitJSONPathInput: `=` separates, `==` stays inside the expression. */
function splitOnSingleEquals(input: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '=') current += input[i];
    else if (input[i + 1] === '=') {
      current += '==';
      i++;
    } else {
      out.push(current);
      current = '';
    }
  }
  out.push(current);
  return out;
}

/** Lifecycle events a single wait sleeps through before giving its answer. */
const MAX_WAIT_TURNS = 100_000;

type Verdict = { met: true } | { met: false; error?: string };

function check(condition: Condition, object: object | undefined): Verdict {
  switch (condition.kind) {
    case 'delete':
      return object ? { met: false } : { met: true };
    case 'create':
      return object ? { met: true } : { met: false };
    case 'condition': {
      const conditions = ((object as { status?: { conditions?: { type?: string; status?: string }[] } } | undefined)?.status?.conditions) ?? [];
      const found = conditions.find((c) => (c.type ?? '').toLowerCase() === condition.type.toLowerCase());
      return found && (found.status ?? '').toLowerCase() === condition.status.toLowerCase() ? { met: true } : { met: false };
    }
    case 'jsonpath': {
      if (!object) return { met: false };
      const values = findResults(condition.template, JSON.parse(JSON.stringify(object))).flat();
      if (condition.value === undefined) return values.length > 0 ? { met: true } : { met: false };
      if (values.length === 0) return { met: false };
      if (values.length > 1) return { met: false, error: 'given jsonpath expression matches more than one value' };
      const [v] = values;
      if (Array.isArray(v) || isGoMap(v)) return { met: false, error: 'jsonpath leads to a nested object or list which is not supported' };
      return goSprint(v) === condition.value ? { met: true } : { met: false };
    }
    default: {
      const never: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(never)}`);
    }
  }
}

interface WaitTarget {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
}

async function runWait(inv: VerbInvocation): Promise<CommandOutput> {
  const out = new OutputBuilder();
  const { args, ctx } = inv;
  const parsedCondition = parseCondition(str(args, 'for') ?? '');
  if (!parsedCondition.ok) return out.err(`error: ${parsedCondition.error}\n`).done(1);
  const condition = parsedCondition.condition;
  const timeoutText = str(args, 'timeout') ?? '30s';
  const timeout = timeoutText.startsWith('-') ? 7 * 24 * 3_600_000 : parseTimeout(timeoutText);
  if (timeout === undefined) return out.err(`error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"\n`).done(1);
  if (args.positionals.length === 0) return out.err("error: you must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n").done(1);
  const parsed = parseTargets(args.positionals);
  if (!parsed.ok) return out.err(parsed.error).done(1);
  const selectorText = str(args, 'selector');
  const selector = selectorText !== undefined ? parseSelector(selectorText) : undefined;
  if (selector && !selector.ok) return out.err(`error: ${selector.error}\n`).done(1);
  const allNamespaces = bool(args, 'all-namespaces');

  // Resolve names now; `create` may name objects that do not exist yet.
  const targets: WaitTarget[] = [];
  for (const t of parsed.targets) {
    const ns = t.info.namespaced ? (allNamespaces && !t.name ? undefined : inv.namespace) : undefined;
    if (t.name !== undefined) {
      if (!ctx.cluster.get(t.info.resource, ns, t.name) && condition.kind !== 'create' && condition.kind !== 'delete') {
        return out.err(`Error from server (NotFound): ${t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource} "${t.name}" not found\n`).done(1);
      }
      targets.push({ info: t.info, namespace: ns, name: t.name });
      continue;
    }
    if (!selector && !bool(args, 'all')) return out.err('error: resource(s) were provided, but no name was specified\n').done(1);
    for (const o of ctx.cluster.list(t.info.resource, ns)) {
      if (selector?.ok && !matchesSelector(o.metadata.labels, selector.requirements)) continue;
      targets.push({ info: t.info, namespace: o.metadata.namespace, name: o.metadata.name });
    }
  }
  if (targets.length === 0 && condition.kind !== 'delete') return out.err('error: no matching resources found\n').done(1);

  const deadline = ctx.cluster.now() + timeout;
  for (const target of targets) {
    const current = () => ctx.cluster.get(target.info.resource, target.namespace, target.name) as object | undefined;
    // A delete wait on something already gone succeeds silently (kubectl ignores NotFound there).
    if (condition.kind === 'delete' && !current()) continue;
    const verdict = await waitFor(inv, () => check(condition, current()), deadline);
    if (verdict.met) {
      out.out(`${qualifiedSingular(target.info)}/${target.name} condition met\n`);
      continue;
    }
    if (verdict.error) return out.err(`error: ${verdict.error}\n`).done(1);
    return out.err(`error: timed out waiting for the condition on ${target.info.resource}/${target.name}\n`).done(1);
  }
  return out.done(0);
}

/** Sleeps from one lifecycle event to the next until the check holds, fails hard, or the deadline passes. */
async function waitFor(inv: VerbInvocation, test: () => Verdict, deadline: number): Promise<Verdict> {
  const { cluster } = inv.ctx;
  // Each turn moves the clock to a later event; the bound only guards against a rule that never advances it.
  for (let turn = 0; turn < MAX_WAIT_TURNS; turn++) {
    const verdict = test();
    if (verdict.met || verdict.error) return verdict;
    if (inv.ctx.signal?.aborted) return verdict;
    const now = cluster.now();
    if (now >= deadline) return verdict;
    const next = cluster.nextEventAt();
    const until = next === undefined || next > deadline ? deadline : Math.max(next, now);
    const want = until - now;
    const slept = await inv.ctx.sleep(want);
    if (slept < want) return test();
    if (next === undefined || next > deadline) return test();
  }
  return test();
}
