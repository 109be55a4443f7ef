// kube-controller-manager's serviceaccount controller (pkg/controller/serviceaccount): every
// active namespace has a ServiceAccount named `default`; one that is missing (a new namespace, or
// the learner deleted it) is created again. Its uid is derived from the namespace's, not drawn
// from the seeded PRNG, so adding this controller left every other seeded identity as it was.

import type { ServiceAccount } from '../../kube/types';
import { rfc3339 } from '../time-format';
import type { Controller } from './controller';

export const serviceAccountController: Controller = {
  name: 'serviceaccount',
  watches: ['namespaces', 'serviceaccounts'],
  reconcile(host, at) {
    let changed = false;
    // On a cluster's first pass no account exists yet: kube-controller-manager made them moments after kubeadm's namespaces.
    const firstPass = host.store.list('serviceaccounts').length === 0;
    for (const ns of host.store.list('namespaces')) {
      if (ns.status.phase !== 'Active' || host.store.get('serviceaccounts', ns.metadata.name, 'default')) continue;
      host.store.create('serviceaccounts', defaultServiceAccount(ns.metadata.name, ns.metadata.uid, firstPass ? Date.parse(ns.metadata.creationTimestamp) + 16_000 : at));
      changed = true;
    }
    return changed;
  },
};

function defaultServiceAccount(namespace: string, namespaceUid: string, at: number): ServiceAccount {
  // The namespace's uid with its first group reversed: unique per namespace and stable per seed.
  const [head, ...rest] = namespaceUid.split('-');
  const uid = [head.split('').reverse().join(''), ...rest].join('-');
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace, uid, resourceVersion: '', creationTimestamp: rfc3339(at) } };
}
