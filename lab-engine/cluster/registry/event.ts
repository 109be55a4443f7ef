// Events (core/v1): recorded by the cluster's components (event-recorder.ts), never by clients
// here; printEvent's Table (LAST SEEN, TYPE, REASON, OBJECT as `pod/web-…`, MESSAGE; -o wide adds
// SUBOBJECT and SOURCE before MESSAGE and FIRST SEEN, COUNT and NAME after it), in the API's list
// order: kubectl get does not sort events.

import { humanDuration } from '../../kube/human-duration';
import type { Event } from '../../kube/types';
import type { KindRegistry, TableColumn } from './kind-registry';

const COLUMNS: TableColumn[] = [
  { name: 'LAST SEEN', priority: 0 },
  { name: 'TYPE', priority: 0 },
  { name: 'REASON', priority: 0 },
  { name: 'OBJECT', priority: 0 },
  { name: 'SUBOBJECT', priority: 1 },
  { name: 'SOURCE', priority: 1 },
  { name: 'MESSAGE', priority: 0 },
  { name: 'FIRST SEEN', priority: 1 },
  { name: 'COUNT', priority: 1 },
  { name: 'NAME', priority: 1 },
];

export const eventRegistry: KindRegistry<'events'> = {
  info: { resource: 'events', singular: 'event', kind: 'Event', shortNames: ['ev'], namespaced: true, apiVersion: 'v1', group: '' },
  undeletable: true,
  columns: COLUMNS,
  cells(e, o) {
    const first = humanDuration(o.nowMs - firstSeenMs(e));
    let last = e.lastTimestamp ? humanDuration(o.nowMs - Date.parse(e.lastTimestamp)) : first;
    let count = e.count || 1;
    if (e.series) {
      last = humanDuration(o.nowMs - Date.parse(e.series.lastObservedTime));
      count = e.series.count;
    }
    const ref = e.involvedObject;
    const target = ref.name ? `${ref.kind.toLowerCase()}/${ref.name}` : ref.kind.toLowerCase();
    return [last, e.type, e.reason, target, ref.fieldPath ?? '', eventSource(e), e.message.trim(), first, String(count), e.metadata.name];
  },
  selectableFields: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
};

/** When an event was first seen: eventTime for the new API, firstTimestamp for the old. */
export function firstSeenMs(e: Event): number {
  return Date.parse(e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp);
}

/** formatEventSource: `component, host`, each falling back to the reporting controller and instance. */
function eventSource(e: Event): string {
  const component = e.source.component || e.reportingComponent;
  const instance = e.source.host || e.reportingInstance;
  if (!component && !instance) return '';
  return instance ? `${component}, ${instance}` : component;
}
