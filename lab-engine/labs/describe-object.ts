// The model's own account of an object, in one line, for a check result's `reason`: what the
// cluster holds right now (phase, waiting reason, node, IP), as `kubectl get`/`describe` would
// tell it. Reads plain objects from Simulation.get, so every field is treated as possibly absent.

/** Resources that live outside namespaces: a check on them ignores `namespace`. */
export const CLUSTER_SCOPED_RESOURCES: ReadonlySet<string> = new Set([
  'nodes',
  'namespaces',
  'persistentvolumes',
  'storageclasses',
  'ingressclasses',
  'clusterroles',
  'clusterrolebindings',
  'customresourcedefinitions',
  'priorityclasses',
]);

export function describeObject(resource: string, namespace: string | undefined, name: string, object: Record<string, unknown>): string {
  const who = `${singular(resource)} ${namespace ? `${namespace}/` : ''}${name}`;
  switch (resource) {
    case 'pods':
      return `${who} ${describePod(object)}`;
    case 'nodes':
      return `${who} ${describeNode(object)}`;
    case 'namespaces':
      return `${who} is ${text(at(object, 'status', 'phase')) || 'Active'}`;
    default:
      return `${who} exists`;
  }
}

/** `similar`: names the learner may have meant (web / webserver), shown because they are the usual cause. */
export function describeMissing(resource: string, namespace: string | undefined, name: string, similar: readonly string[]): string {
  const where = namespace ? ` in namespace ${namespace}` : '';
  return `no ${singular(resource)} named ${name}${where}${similar.length ? ` (similar: ${similar.join(', ')})` : ''}`;
}

function describePod(pod: Record<string, unknown>): string {
  if (at(pod, 'metadata', 'deletionTimestamp')) return 'is Terminating';
  const phase = text(at(pod, 'status', 'phase')) || 'Pending';
  const node = text(at(pod, 'spec', 'nodeName'));
  const ip = text(at(pod, 'status', 'podIP'));
  const placement = [node && `on ${node}`, ip && `with IP ${ip}`].filter(Boolean).join(' ');
  const why = podWaitingReason(pod);
  if (phase === 'Running') {
    const ready = conditionStatus(pod, 'Ready') === 'True';
    return `is Running${ready ? '' : ' but not Ready'}${placement ? ` ${placement}` : ''}${!ready && why ? ` (${why})` : ''}`;
  }
  if (phase === 'Pending' && !node) {
    const scheduled = conditions(pod).find((c) => c.type === 'PodScheduled');
    const reason = scheduled && text(scheduled.reason);
    return `is Pending (${reason ? `${reason}: ${text(scheduled.message)}` : 'not scheduled yet'})`;
  }
  return `is ${phase}${why ? ` (${why})` : ''}${placement ? ` ${placement}` : ''}`;
}

/** The first container's waiting or terminated reason, the way kubectl's STATUS column picks it. */
function podWaitingReason(pod: Record<string, unknown>): string {
  const statuses = at(pod, 'status', 'containerStatuses');
  if (!Array.isArray(statuses)) return text(at(pod, 'status', 'reason'));
  for (const status of statuses) {
    const waiting = text(at(status, 'state', 'waiting', 'reason'));
    if (waiting) return waiting;
    const terminated = text(at(status, 'state', 'terminated', 'reason'));
    if (terminated) return terminated;
  }
  return '';
}

function describeNode(node: Record<string, unknown>): string {
  const ready = conditionStatus(node, 'Ready') === 'True' ? 'Ready' : 'NotReady';
  const cidr = text(at(node, 'spec', 'podCIDR'));
  return `is ${ready}${cidr ? `, podCIDR ${cidr}` : ''}`;
}

function conditions(object: Record<string, unknown>): Record<string, unknown>[] {
  const list = at(object, 'status', 'conditions');
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function conditionStatus(object: Record<string, unknown>, type: string): string {
  return text(conditions(object).find((c) => c.type === type)?.status);
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function singular(resource: string): string {
  const base = resource.split('.')[0];
  if (base.endsWith('sses')) return base.slice(0, -2);
  if (base.endsWith('ies')) return `${base.slice(0, -3)}y`;
  return base.endsWith('s') ? base.slice(0, -1) : base;
}
