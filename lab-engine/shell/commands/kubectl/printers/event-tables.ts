// `kubectl get events` rows as the API server's table convertor prints them
// (pkg/printers/internalversion printEvent): LAST SEEN, TYPE, REASON, OBJECT (`pod/web-…`), MESSAGE;
// -o wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME between and after them. The rows
// come in the API's list order (namespace, then name): kubectl get does not sort events.

import type { Event } from '../../../../kube/types';
import { firstSeenMs } from '../../../../cluster/event-recorder';
import { humanDuration } from './human-duration';
import { decorate, type Table, type TableOptions } from './resource-tables';

export function eventTable(events: readonly Event[], o: TableOptions): Table {
  const headers = o.wide
    ? ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']
    : ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return decorate(headers, [], events.map((e) => eventCells(e, o)), events, o);
}

function eventCells(e: Event, o: TableOptions): string[] {
  const first = humanDuration(o.nowMs - firstSeenMs(e));
  let last = e.lastTimestamp ? humanDuration(o.nowMs - Date.parse(e.lastTimestamp)) : first;
  let count = e.count || 1;
  if (e.series) {
    last = humanDuration(o.nowMs - Date.parse(e.series.lastObservedTime));
    count = e.series.count;
  }
  const ref = e.involvedObject;
  const target = ref.name ? `${ref.kind.toLowerCase()}/${ref.name}` : ref.kind.toLowerCase();
  const message = e.message.trim();
  if (!o.wide) return [last, e.type, e.reason, target, message];
  return [last, e.type, e.reason, target, ref.fieldPath ?? '', eventSource(e), message, first, String(count), e.metadata.name];
}

/** formatEventSource: `component, host`, each falling back to the reporting controller and instance. */
function eventSource(e: Event): string {
  const component = e.source.component || e.reportingComponent;
  const instance = e.source.host || e.reportingInstance;
  if (!component && !instance) return '';
  return instance ? `${component}, ${instance}` : component;
}
