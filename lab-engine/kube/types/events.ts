// core/v1 Event, as recorders on both the old and the events.k8s.io API write it.

import type { ObjectMeta, ObjectReference } from './meta';

/**
 * An Event as the core/v1 API serves it. Recorders on the old API (kubelet, controllers) fill
 * source, first/lastTimestamp and count; the scheduler records through events.k8s.io/v1, so its
 * events read back with eventTime, action and series instead (and null timestamps).
 */
export interface Event {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: ObjectReference;
  reason: string;
  message: string;
  source: { component?: string; host?: string };
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  count?: number;
  type: 'Normal' | 'Warning';
  /** MicroTime (RFC 3339 with microseconds); null for core/v1 recorders. */
  eventTime: string | null;
  action?: string;
  series?: { count: number; lastObservedTime: string };
  reportingComponent: string;
  reportingInstance: string;
}


// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    events: Event;
  }
}
