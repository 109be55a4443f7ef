// kubectl events (pkg/cmd/events, GA since v1.26): the namespace's events sorted by when they
// were last seen, LAST SEEN as `10s` or `2m (x3 over 5m)` for repeats, OBJECT as `Kind/name`;
// --for TYPE/NAME narrows to one object, --types to Normal/Warning, -A adds NAMESPACE.

import { lastSeenMs, firstSeenMs } from '../../../cluster/event-recorder';
import { resolveResource } from '../../../cluster/resources';
import type { Event } from '../../../kube/types';
import { OutputBuilder } from '../../command-types';
import { bool, str } from './flags';
import { humanDuration } from '../../../kube/human-duration';
import { formatTable } from './printers/table-writer';
import { resourceTypeError } from './resource-args';
import { OPTIONS_TRAILER, type KubectlVerb } from './verb';

export const events: KubectlVerb = {
  name: 'events',
  flags: [
    { name: 'all-namespaces', short: 'A', kind: 'bool' },
    { name: 'for', kind: 'string' },
    { name: 'types', kind: 'strings' },
    { name: 'no-headers', kind: 'bool' },
    { name: 'watch', short: 'w', kind: 'bool', unsupported: true },
    { name: 'output', short: 'o', kind: 'string', unsupported: true },
  ],
  help: `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.

Examples:
  # List recent events in the default namespace
  kubectl events

  # List recent events in all namespaces
  kubectl events --all-namespaces

  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubectl events --for pod/web-pod-13je7 --watch

  # List recent only events of type 'Warning' or 'Normal'
  kubectl events --types=Warning,Normal

Usage:
  kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]

${OPTIONS_TRAILER}`,
  run(inv) {
    const out = new OutputBuilder();
    const { args, ctx } = inv;
    const all = bool(args, 'all-namespaces');
    const types = ((args.flags.get('types') as string[] | undefined) ?? []).flatMap((t) => t.split(',')).filter(Boolean);
    for (const t of types) {
      if (t !== 'Normal' && t !== 'Warning') return out.err(`error: valid --types are Normal or Warning\n`).done(1);
    }
    let list = ctx.cluster.list('events', all ? undefined : inv.namespace) as Event[];
    const target = str(args, 'for');
    if (target !== undefined) {
      const [type, name] = target.includes('/') ? target.split('/', 2) : ['', target];
      const info = type ? resolveResource(type) : undefined;
      if (type && !info) return out.err(resourceTypeError(type)).done(1);
      list = list.filter((e) => e.involvedObject.name === name && (!info || e.involvedObject.kind === info.kind));
    }
    if (types.length) list = list.filter((e) => types.includes(e.type));
    if (list.length === 0) return out.err(all ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`).done(0);
    const now = ctx.cluster.now();
    const sorted = [...list].sort((a, b) => lastSeenMs(a) - lastSeenMs(b));
    const rows = sorted.map((e) => [...(all ? [e.metadata.namespace ?? ''] : []), interval(e, now), e.type, e.reason, `${e.involvedObject.kind}/${e.involvedObject.name}`, e.message.trim()]);
    const headers = [...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
    return out.out(formatTable(bool(args, 'no-headers') ? rows : [headers, ...rows])).done(0);
  },
};

/** events.go getInterval: the age, or `last (xN over first)` for a repeated event or a series. */
function interval(e: Event, now: number): string {
  const first = humanDuration(now - firstSeenMs(e));
  if (e.series) return `${humanDuration(now - Date.parse(e.series.lastObservedTime))} (x${e.series.count} over ${first})`;
  if ((e.count ?? 1) > 1) return `${humanDuration(now - lastSeenMs(e))} (x${e.count} over ${first})`;
  return first;
}
