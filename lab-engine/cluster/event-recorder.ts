// The cluster's event recorders in one place: what kubelet, scheduler and controllers write as
// core/v1 Events, with client-go's rules re-expressed:
// - record.EventRecorder (kubelet, controllers): name `<object>.<UnixNano in hex>`; an event
//   identical to one already recorded (same source, object, type, reason, message) is folded
//   into it by the EventCorrelator: count + 1, lastTimestamp moves, the name stays.
// - events.k8s.io/v1 recorder (the scheduler): eventTime, action and reportingController/
//   Instance instead of source and timestamps; a repeat becomes a `series` {count, lastObservedTime}.
// - kube-apiserver keeps events for --event-ttl (1 h): older ones are dropped on write and before
//   a list. MAX_EVENTS_PER_NAMESPACE bounds a namespace besides.
// Events never move the store's revision (ObjectStore.putUncounted), so recording them leaves
// every other object's resourceVersion, and the seeded RNG, exactly as they were.

import { MAX_EVENTS_PER_NAMESPACE } from '../core/limits';
import { isoString } from '../core/utc-text';
import { imageDigest } from './images';
import type { ObjectStore } from './object-store';
import { rfc3339 } from './time-format';
import type { ApiObject, Event, ObjectReference } from '../kube/types';

/** kube-apiserver's default --event-ttl. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

export type EventType = Event['type'];

export interface EventSource {
  component: string;
  host?: string;
}

export const SCHEDULER = 'default-scheduler';
/** The scheduler's reportingInstance: `<controller>-<hostname>`, and it runs on the control-plane node. */
const SCHEDULER_INSTANCE = `${SCHEDULER}-control-plane`;

export function kubelet(node: string): EventSource {
  return { component: 'kubelet', host: node };
}

export const REPLICASET_CONTROLLER: EventSource = { component: 'replicaset-controller' };
export const DEPLOYMENT_CONTROLLER: EventSource = { component: 'deployment-controller' };
export const DAEMONSET_CONTROLLER: EventSource = { component: 'daemonset-controller' };

/** `spec.containers{web}`: the fieldPath kubelet puts on a container's events. */
export function containerFieldPath(name: string): string {
  return `spec.containers{${name}}`;
}

export class EventRecorder {
  /** Correlation key -> `namespace/name` of the event it folds into; rebuilt from the store on first use. */
  private index: Map<string, string> | undefined;

  constructor(private readonly store: ObjectStore) {}

  /** record.EventRecorder.Eventf: a core/v1 event from `source` about `regarding`. */
  record(at: number, regarding: ApiObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): Event {
    const ref = referenceTo(regarding, fieldPath);
    const key = ['v1', source.component, source.host ?? '', ref.kind, ref.namespace ?? '', ref.name, ref.fieldPath ?? '', ref.uid, ref.apiVersion, type, reason, message].join('\u0000');
    const stamp = rfc3339(at);
    const existing = this.lookup(key);
    if (existing) {
      existing.count = (existing.count ?? 1) + 1;
      existing.lastTimestamp = stamp;
      existing.involvedObject = ref;
      this.store.putUncounted('events', existing);
      return existing;
    }
    return this.create(at, key, {
      involvedObject: ref,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: stamp,
      lastTimestamp: stamp,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    });
  }

  /** The scheduler's events.k8s.io/v1 recorder: `action` says what it did (Binding, Scheduling). */
  recordScheduler(at: number, pod: ApiObject, type: EventType, reason: string, action: string, message: string): Event {
    const ref = referenceTo(pod);
    const key = ['events/v1', SCHEDULER, action, reason, ref.kind, ref.namespace ?? '', ref.name, ref.uid, message].join('\u0000');
    const existing = this.lookup(key);
    if (existing) {
      existing.series = { count: (existing.series?.count ?? 1) + 1, lastObservedTime: microTime(at) };
      this.store.putUncounted('events', existing);
      return existing;
    }
    return this.create(at, key, {
      involvedObject: ref,
      reason,
      message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: microTime(at),
      action,
      reportingComponent: SCHEDULER,
      reportingInstance: SCHEDULER_INSTANCE,
    });
  }

  /** Drops what kube-apiserver's TTL would have removed by `now`. */
  expire(now: number, namespace?: string): void {
    for (const e of this.store.list('events', namespace)) {
      if (lastSeenMs(e) + EVENT_TTL_MS <= now) this.drop(e);
    }
  }

  private create(at: number, key: string, body: Omit<Event, 'apiVersion' | 'kind' | 'metadata'>): Event {
    const namespace = body.involvedObject.namespace || 'default';
    this.expire(at, namespace);
    const name = this.uniqueName(namespace, body.involvedObject.name, at);
    const event: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: uidFor(`${namespace}/${name}`), resourceVersion: '', creationTimestamp: rfc3339(at) },
      ...body,
    };
    this.store.putUncounted('events', event);
    this.indexOf().set(key, `${namespace}/${name}`);
    this.enforceCap(namespace);
    return event;
  }

  private lookup(key: string): Event | undefined {
    const at = this.indexOf().get(key);
    if (!at) return undefined;
    const slash = at.indexOf('/');
    const event = this.store.get('events', at.slice(0, slash), at.slice(slash + 1));
    if (!event) this.index!.delete(key);
    return event;
  }

  private indexOf(): Map<string, string> {
    if (this.index) return this.index;
    this.index = new Map();
    for (const e of this.store.list('events')) this.index.set(keyOfStored(e), `${e.metadata.namespace}/${e.metadata.name}`);
    return this.index;
  }

  /** `%v.%x` of the object's name and the time in nanoseconds; a clash (same millisecond) takes the next nanosecond. */
  private uniqueName(namespace: string, object: string, at: number): string {
    let nanos = BigInt(at) * 1_000_000n;
    for (;;) {
      const name = `${object}.${nanos.toString(16)}`;
      if (!this.store.get('events', namespace, name)) return name;
      nanos += 1n;
    }
  }

  private enforceCap(namespace: string): void {
    const events = this.store.list('events', namespace);
    if (events.length <= MAX_EVENTS_PER_NAMESPACE) return;
    const oldest = [...events].sort((a, b) => lastSeenMs(a) - lastSeenMs(b)).slice(0, events.length - MAX_EVENTS_PER_NAMESPACE);
    for (const e of oldest) this.drop(e);
  }

  private drop(e: Event): void {
    this.store.removeUncounted('events', e.metadata.namespace, e.metadata.name);
    this.index?.delete(keyOfStored(e));
  }
}

/** When an event was last seen: the series' last observation, lastTimestamp, or eventTime (printers and the TTL agree on it). */
export function lastSeenMs(e: Event): number {
  return Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp);
}

export { firstSeenMs } from './registry/event';

function referenceTo(obj: ApiObject, fieldPath?: string): ObjectReference {
  return {
    apiVersion: obj.apiVersion,
    ...(fieldPath ? { fieldPath } : {}),
    kind: obj.kind,
    name: obj.metadata.name,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    resourceVersion: obj.metadata.resourceVersion,
    uid: obj.metadata.uid,
  };
}

/** The correlation key of an event read back from the store (a restored snapshot). */
function keyOfStored(e: Event): string {
  const ref = e.involvedObject;
  if (e.eventTime !== null) return ['events/v1', e.reportingComponent, e.action ?? '', e.reason, ref.kind, ref.namespace ?? '', ref.name, ref.uid, e.message].join('\u0000');
  return ['v1', e.source.component ?? '', e.source.host ?? '', ref.kind, ref.namespace ?? '', ref.name, ref.fieldPath ?? '', ref.uid, ref.apiVersion, e.type, e.reason, e.message].join('\u0000');
}

/** metav1.MicroTime: RFC 3339 with six fractional digits. */
function microTime(ms: number): string {
  return isoString(ms).replace('Z', '000Z');
}

/** A stable UUID-shaped uid from a hash: events must not draw from the seeded RNG. */
function uidFor(text: string): string {
  const h = imageDigest(text, 'event');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
