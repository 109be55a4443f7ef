// The simulated API server's storage: objects by resource and key, a cluster-wide resourceVersion
// that grows on every write (as etcd's revision does), and listing in etcd key order
// (`namespace/name`, bytewise), which is the order kubectl prints.

import type { ApiObject, Event, ResourceName, ResourceTypes } from '../kube/types';
import { KINDS, registryOf } from './registry/index';
import { alreadyExists, notFound } from '../kube/api-errors';

/** The stored type of each resource (`TypeOf['pods']` is Pod). */
export type TypeOf = ResourceTypes;

export interface StoreState {
  resourceVersion: number;
  objects: { [R in ResourceName]: TypeOf[R][] };
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export class ObjectStore {
  private readonly maps = Object.fromEntries(KINDS.map((k) => [k.info.resource, new Map()])) as { [R in ResourceName]: Map<string, TypeOf[R]> };
  private resourceVersion: number;
  /**
   * Sorted key lists, built on a resource's first list and then kept in order as keys come and go
   * (a binary search and one splice), never sorted again: listing is the hot path of `get`, and
   * controllers list after every write, so a re-sort per write made a lab with thousands of
   * objects quadratic.
   */
  private readonly sortedKeys: { [R in ResourceName]?: string[] } = {};

  constructor(state?: StoreState) {
    this.resourceVersion = state?.resourceVersion ?? 1;
    if (state) {
      for (const resource of Object.keys(this.maps) as ResourceName[]) {
        // Snapshots taken before a kind existed simply hold none of it.
        for (const obj of state.objects[resource] ?? []) {
          this.maps[resource].set(keyOf(obj.metadata.namespace, obj.metadata.name), obj as never);
        }
      }
    }
  }

  /** The latest resourceVersion handed out; also serves as the model's change counter. */
  revision(): number {
    return this.resourceVersion;
  }

  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): TypeOf[R] | undefined {
    return this.maps[resource].get(keyOf(registryOf(resource).info.namespaced ? namespace : undefined, name));
  }

  /** Objects in key order; `namespace` undefined means all namespaces. */
  list<R extends ResourceName>(resource: R, namespace?: string): TypeOf[R][] {
    const map = this.maps[resource];
    const keys = this.sortedKeys[resource] ?? (this.sortedKeys[resource] = [...map.keys()].sort(compareKeys));
    const out: TypeOf[R][] = [];
    for (const key of keys) {
      const obj = map.get(key)!;
      if (namespace === undefined || obj.metadata.namespace === namespace) out.push(obj);
    }
    return out;
  }

  /** Every resource the store holds, in the registry's order. */
  resources(): ResourceName[] {
    return Object.keys(this.maps) as ResourceName[];
  }

  count(resource: ResourceName): number {
    return this.maps[resource].size;
  }

  create<R extends ResourceName>(resource: R, obj: TypeOf[R]): TypeOf[R] {
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    const map = this.maps[resource];
    if (map.has(key)) throw alreadyExists(qualified(resource), obj.metadata.name);
    obj.metadata.resourceVersion = String(++this.resourceVersion);
    map.set(key, obj);
    this.keyAdded(resource, key);
    return obj;
  }

  /** Records an in-place change to a stored object: a new resourceVersion, as every write gets. */
  touch(obj: ApiObject): void {
    obj.metadata.resourceVersion = String(++this.resourceVersion);
  }

  /**
   * Stores or replaces an object without moving the revision. Events only: the API server keeps
   * them apart (their own etcd lease and TTL), and recording one must not shift the
   * resourceVersions every other object gets, nor count as a model change.
   */
  putUncounted(resource: 'events', obj: Event): void {
    const key = keyOf(obj.metadata.namespace, obj.metadata.name);
    const map = this.maps[resource];
    if (!map.has(key)) this.keyAdded(resource, key);
    obj.metadata.resourceVersion = String(this.resourceVersion);
    map.set(key, obj);
  }

  /** Drops an Event (TTL or cap), again without moving the revision. */
  removeUncounted(resource: 'events', namespace: string | undefined, name: string): void {
    const key = keyOf(namespace, name);
    if (this.maps[resource].delete(key)) this.keyRemoved(resource, key);
  }

  remove<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): TypeOf[R] {
    const key = keyOf(namespace, name);
    const obj = this.maps[resource].get(key);
    if (!obj) throw notFound(qualified(resource), name);
    this.maps[resource].delete(key);
    this.keyRemoved(resource, key);
    ++this.resourceVersion;
    return obj;
  }

  private keyAdded(resource: ResourceName, key: string): void {
    const keys = this.sortedKeys[resource];
    if (keys) keys.splice(insertionPoint(keys, key), 0, key);
  }

  private keyRemoved(resource: ResourceName, key: string): void {
    const keys = this.sortedKeys[resource];
    if (!keys) return;
    const at = insertionPoint(keys, key);
    if (keys[at] === key) keys.splice(at, 1);
  }

  toJSON(): StoreState {
    return {
      resourceVersion: this.resourceVersion,
      objects: Object.fromEntries((Object.keys(this.maps) as ResourceName[]).map((r) => [r, this.list(r)])) as StoreState['objects'],
    };
  }
}

// etcd returns keys (`/registry/pods/<namespace>/<name>`) in byte order, and so does a list
// served from the watch cache; comparing `namespace/name` strings by UTF-16 unit matches it for
// the ASCII names Kubernetes allows.
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index whose key is not below `key` in a sorted list. */
function insertionPoint(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keys[mid], key) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** `deployments.apps`: how the API server names a resource of a named group in its messages. */
function qualified(resource: ResourceName): string {
  const group = registryOf(resource).info.group;
  return group ? `${resource}.${group}` : resource;
}
