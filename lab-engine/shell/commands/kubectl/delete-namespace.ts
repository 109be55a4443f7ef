// `kubectl delete namespace NAME...` (kubernetes/kubectl pkg/cmd/delete/delete.go): each DELETE
// prints `namespace "x" deleted` as the server accepts it, then kubectl waits (--wait, default
// true) until the namespace is really gone, which takes as long as its pods need to terminate;
// default, kube-system and kube-public are refused by the NamespaceLifecycle admission.

import { isApiError } from '../../../kube/api-errors';
import type { CommandOutput, OutputBuilder } from '../../command-types';
import { bool } from './flags';
import { apiErrorText } from './kubectl-errors';
import type { VerbInvocation } from './verb';

export async function deleteNamespaces(inv: VerbInvocation, out: OutputBuilder, names: readonly string[], o: { output: string; timeoutMs: number }): Promise<CommandOutput> {
  const { cluster } = inv.ctx;
  const errors: string[] = [];
  const deleted = new Map<string, string>();
  for (const name of names) {
    try {
      const ns = cluster.api.delete('namespaces', undefined, name);
      deleted.set(name, ns.metadata.uid);
      out.out(o.output === 'name' ? `namespace/${name}\n` : `namespace "${name}" deleted\n`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      if (error.reason === 'NotFound' && bool(inv.args, 'ignore-not-found')) continue;
      errors.push(apiErrorText(error));
    }
  }
  const wait = inv.args.flags.has('wait') ? bool(inv.args, 'wait') : true;
  if (wait && deleted.size > 0) {
    const left = () => [...deleted].filter(([n, uid]) => cluster.get('namespaces', undefined, n)?.metadata.uid === uid).map(([n]) => n);
    const limit = cluster.now() + (o.timeoutMs || 168 * 3600_000);
    while (left().length > 0) {
      if (cluster.now() >= limit) {
        errors.push(`error: timed out waiting for the condition on namespaces/${left()[0]}\n`);
        break;
      }
      const next = cluster.nextEventAt();
      if (next === undefined) break;
      const want = Math.max(1, Math.min(next, limit) - cluster.now());
      const slept = await inv.ctx.sleep(want);
      if (slept < want) break;
    }
  }
  for (const e of errors) out.err(e);
  return out.done(errors.length ? 1 : 0);
}
