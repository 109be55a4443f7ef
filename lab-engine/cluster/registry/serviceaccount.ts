// ServiceAccounts (core/v1): a DNS-1123 subdomain name (ValidateServiceAccountName), no spec to
// validate, and printServiceAccount's Table: NAME, SECRETS (how many `secrets` it lists: 0 since
// v1.24 stopped auto-creating token Secrets), AGE. Every namespace gets its `default` one from the
// serviceaccount controller (cluster/controllers/serviceaccount-controller.ts).

import { alreadyExists, invalid } from '../../kube/api-errors';
import type { ServiceAccount } from '../../kube/types';
import { validateSubdomainName } from '../pod-admission';
import { rfc3339 } from '../time-format';
import { arr, jsonType, metaOf, obj, str, TypeMismatch, type Obj, type ObjectMetaRequest } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { rbacMeta } from './rbac-validation';
import { METADATA } from './strict-fields';
import { ageSince } from './table-cells';
import { writeOver } from './update-helpers';

export type ServiceAccountRequest = ObjectMetaRequest & Pick<ServiceAccount, 'secrets' | 'imagePullSecrets' | 'automountServiceAccountToken'>;

export const serviceAccountRegistry: KindRegistry<'serviceaccounts', ServiceAccountRequest> = {
  info: { resource: 'serviceaccounts', singular: 'serviceaccount', kind: 'ServiceAccount', shortNames: ['sa'], namespaced: true, apiVersion: 'v1', group: '' },
  fields: { apiVersion: true, kind: true, metadata: METADATA, secrets: { name: true, namespace: true, kind: true, apiVersion: true, uid: true }, imagePullSecrets: { name: true }, automountServiceAccountToken: true },
  decode: decodeServiceAccount,
  create(req, ctx) {
    if (ctx.get('serviceaccounts', req.namespace, req.name)) throw alreadyExists('serviceaccounts', req.name);
    return admitServiceAccount(req, ctx.newUid(), rfc3339(ctx.now));
  },
  update(old, req) {
    writeOver(old, admitServiceAccount(req, old.metadata.uid, old.metadata.creationTimestamp), ['secrets', 'imagePullSecrets', 'automountServiceAccountToken']);
  },
  columns: columns(['NAME', 'SECRETS', 'AGE']),
  cells: (sa, o) => [sa.metadata.name, String(sa.secrets?.length ?? 0), ageSince(sa.metadata.creationTimestamp, o.nowMs)],
};

export function admitServiceAccount(req: ServiceAccountRequest, uid: string, createdAt: string): ServiceAccount {
  const causes = validateSubdomainName(req.name);
  if (causes.length) throw invalid('ServiceAccount', req.name, causes);
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: rbacMeta(req, uid, createdAt, true),
    ...(req.secrets ? { secrets: req.secrets } : {}),
    ...(req.imagePullSecrets ? { imagePullSecrets: req.imagePullSecrets } : {}),
    ...(req.automountServiceAccountToken !== undefined ? { automountServiceAccountToken: req.automountServiceAccountToken } : {}),
  };
}

function decodeServiceAccount(o: Obj, namespace: string): ServiceAccountRequest {
  const names = (v: unknown, field: string) => arr(v, field)?.map((x) => ({ name: str((obj(x, field) ?? {}).name, `${field}.name`) ?? '' }));
  const secrets = names(o.secrets, 'ServiceAccount.secrets');
  const pulls = names(o.imagePullSecrets, 'ServiceAccount.imagePullSecrets');
  const automount = o.automountServiceAccountToken;
  if (automount !== undefined && automount !== null && typeof automount !== 'boolean') throw new TypeMismatch('ServiceAccount.automountServiceAccountToken', jsonType(automount), 'bool');
  return {
    ...metaOf(o, namespace),
    ...(secrets ? { secrets } : {}),
    ...(pulls ? { imagePullSecrets: pulls } : {}),
    ...(typeof automount === 'boolean' ? { automountServiceAccountToken: automount } : {}),
  };
}
