// A condition a lesson's Run block waits for before the next block is offered ("pod/web is
// Ready", "the rollout of daemonset/kube-proxy is done"), declared once for the three places that
// read it: the lesson loader parses an author's text and refuses a bad one at build time
// (`waitFor="ready pod/web"`), the page sends it to the gateway, and labsh evaluates it against its
// model. It is data with a closed set of kinds, never a command line, so a page cannot use it to
// run anything: the guard checks each field at every trust boundary.

import { isRecord, isString } from './json-guards';

export const WAIT_UNTIL = {
  /** Every replica (or the pod itself) reports Ready. */
  ready: ['pod', 'deployment', 'daemonset', 'statefulset'],
  /** What `kubectl rollout status` waits for: the spec observed, every replica updated and available. */
  rollout: ['deployment', 'daemonset', 'statefulset'],
} as const;

export type WaitUntil = keyof typeof WAIT_UNTIL;
export type WaitKind = (typeof WAIT_UNTIL)[WaitUntil][number];

export type WaitCondition = {
  [U in WaitUntil]: { until: U; kind: (typeof WAIT_UNTIL)[U][number]; namespace: string; name: string };
}[WaitUntil];

/** How long labsh waits before it gives up and says so in the terminal. */
export const WAIT_TIMEOUT_MS = 90_000;

const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const KIND_ALIASES: Record<string, WaitKind> = {
  po: 'pod', pod: 'pod', pods: 'pod',
  deploy: 'deployment', deployment: 'deployment', deployments: 'deployment',
  ds: 'daemonset', daemonset: 'daemonset', daemonsets: 'daemonset',
  sts: 'statefulset', statefulset: 'statefulset', statefulsets: 'statefulset',
};

function isUntil(value: unknown): value is WaitUntil {
  return isString(value) && Object.hasOwn(WAIT_UNTIL, value);
}

function kindFits(until: WaitUntil, kind: unknown): kind is WaitKind {
  return (WAIT_UNTIL[until] as readonly unknown[]).includes(kind);
}

export function isWaitCondition(value: unknown): value is WaitCondition {
  return (
    isRecord(value) &&
    isUntil(value.until) &&
    kindFits(value.until, value.kind) &&
    isString(value.name) &&
    NAME.test(value.name) &&
    isString(value.namespace) &&
    NAMESPACE.test(value.namespace)
  );
}

export type WaitConditionParse = { ok: true; condition: WaitCondition } | { ok: false; error: string };

const SYNTAX = 'write it as `ready pod/web`, `ready deployment/shop -n shop` or `rollout daemonset/kube-proxy -n kube-system`';

/**
 * An author's text: `<ready|rollout> <kind>/<name> [-n <namespace>]`, kubectl's words and short
 * names (po, deploy, ds, sts). The namespace defaults to `default`.
 */
export function parseWaitCondition(text: string): WaitConditionParse {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [until, ...rest] = words;
  if (!isUntil(until)) return { ok: false, error: `"${text}" does not start with ready or rollout; ${SYNTAX}` };
  let namespace = 'default';
  const objects: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === '-n' || word === '--namespace') {
      const value = rest[++i];
      if (value === undefined) return { ok: false, error: `"${text}": ${word} needs a namespace; ${SYNTAX}` };
      namespace = value;
    } else if (word.startsWith('--namespace=')) namespace = word.slice('--namespace='.length);
    else objects.push(word);
  }
  // kubectl's two spellings: `pod/web`, or `pod web`.
  const target = objects.length === 2 && !objects[0].includes('/') ? `${objects[0]}/${objects[1]}` : objects[0];
  if (objects.length > 1 && target !== `${objects[0]}/${objects[1]}`) return { ok: false, error: `"${text}" names more than one object (${objects.join(', ')}); ${SYNTAX}` };
  const slash = target?.indexOf('/') ?? -1;
  if (!target || slash <= 0) return { ok: false, error: `"${text}" names no kind/name; ${SYNTAX}` };
  const kind = KIND_ALIASES[target.slice(0, slash).toLowerCase()];
  const name = target.slice(slash + 1);
  if (!kind) return { ok: false, error: `"${text}": ${target.slice(0, slash)} is not a kind a block can wait for (pod, deployment, daemonset, statefulset)` };
  if (!kindFits(until, kind)) return { ok: false, error: `"${text}": a ${kind} has no rollout; wait for \`ready ${kind}/${name}\` instead` };
  if (!NAME.test(name)) return { ok: false, error: `"${text}": "${name}" is not a valid object name (lower-case letters, digits, - and .)` };
  if (!NAMESPACE.test(namespace)) return { ok: false, error: `"${text}": "${namespace}" is not a valid namespace name` };
  return { ok: true, condition: { until, kind, namespace, name } as WaitCondition };
}

/** The learner-facing words for what is awaited: "pod/web to be Ready". */
export function describeWaitCondition(condition: WaitCondition): string {
  const where = condition.namespace === 'default' ? '' : ` in ${condition.namespace}`;
  const object = `${condition.kind}/${condition.name}${where}`;
  switch (condition.until) {
    case 'ready':
      return `${object} to be Ready`;
    case 'rollout':
      return `the rollout of ${object} to finish`;
    default: {
      const never: never = condition;
      return never;
    }
  }
}

/** The text form parseWaitCondition reads, for pages that carry a condition as an attribute. */
export function formatWaitCondition(condition: WaitCondition): string {
  const ns = condition.namespace === 'default' ? '' : ` -n ${condition.namespace}`;
  return `${condition.until} ${condition.kind}/${condition.name}${ns}`;
}
