// The store lists in etcd key order however objects came and went: its key lists are kept sorted
// by insertion and removal rather than sorted again per list.

import { describe, expect, it } from 'vitest';
import { ObjectStore } from './object-store';
import type { ConfigMap } from '../kube/types';

const configMap = (namespace: string, name: string): ConfigMap =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `${namespace}-${name}`, resourceVersion: '', creationTimestamp: '2026-01-01T00:00:00Z' }, data: {} }) as ConfigMap;

const names = (store: ObjectStore) => store.list('configmaps').map((c) => `${c.metadata.namespace}/${c.metadata.name}`);

describe('ObjectStore listing order', () => {
  it('keeps key order across creates and removes made after the first list', () => {
    const store = new ObjectStore();
    for (const [ns, name] of [['b', 'x'], ['a', 'z'], ['a', 'b']]) store.create('configmaps', configMap(ns, name));
    expect(names(store)).toEqual(['a/b', 'a/z', 'b/x']);
    for (const [ns, name] of [['a', 'm'], ['c', 'a'], ['a', 'a'], ['a-b', 'c']]) store.create('configmaps', configMap(ns, name));
    store.remove('configmaps', 'a', 'z');
    expect(names(store)).toEqual(['a-b/c', 'a/a', 'a/b', 'a/m', 'b/x', 'c/a']);
    const shuffled = new ObjectStore(store.toJSON());
    expect(names(shuffled)).toEqual(names(store));
    expect(store.list('configmaps', 'a').map((c) => c.metadata.name)).toEqual(['a', 'b', 'm']);
  });
});
