// kubectl get -w / --watch-only: after the first table (or none, with --watch-only), one row per
// change as the watch events arrive, each row laid out on its own the way kubectl's printer
// flushes per event. Live in a terminal until Ctrl-C; in a script (no terminal, no Ctrl-C) it
// follows the cluster until no lifecycle rule is due any more, so a script cannot hang on it.

import type { ApiObject } from '../../../kube/types';
import type { CommandContext, OutputBuilder } from '../../command-types';
import { MAX_LOOP_ITERATIONS } from '../../../core/limits';
import { formatTable } from './printers/table-writer';

/** How often the watch looks at the model; the API server pushes events, we poll the store. */
const WATCH_POLL_MS = 250;

export interface WatchSource {
  /** The objects the watch covers right now (same filters as the first listing). */
  list(): ApiObject[];
  /** One table row per object, without the header. */
  rows(objects: ApiObject[]): string[][];
}

const key = (o: ApiObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export async function followWatch(ctx: CommandContext, source: WatchSource, out: OutputBuilder): Promise<void> {
  const seen = new Map<string, { version: string; object: ApiObject }>();
  for (const o of source.list()) seen.set(key(o), { version: o.metadata.resourceVersion ?? '', object: o });
  const emit = (object: ApiObject) => {
    const text = formatTable(source.rows([object]));
    if (ctx.terminal) ctx.terminal.write(text.replace(/\n/g, '\r\n'));
    else out.out(text);
  };
  for (let i = 0; i < MAX_LOOP_ITERATIONS && !ctx.signal?.aborted; i++) {
    if (!ctx.terminal && ctx.cluster.nextEventAt() === undefined) return;
    await ctx.sleep(WATCH_POLL_MS);
    if (ctx.signal?.aborted) return;
    const current = new Map(source.list().map((o) => [key(o), o] as const));
    for (const [k, object] of current) {
      const version = object.metadata.resourceVersion ?? '';
      if (seen.get(k)?.version === version) continue;
      seen.set(k, { version, object });
      emit(object);
    }
    for (const [k, { object }] of seen) {
      if (current.has(k)) continue;
      // A DELETED event carries the object's last state; kubectl prints that row once more.
      seen.delete(k);
      emit(object);
    }
  }
}
