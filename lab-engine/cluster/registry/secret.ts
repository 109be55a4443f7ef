// Secrets (core/v1): decoding (standard base64 `data`, `stringData` merged over it), validation
// (names, keys, size, the kubernetes.io/tls keys), `type` and `immutable` rules
// (config-admission.ts), and printSecret's Table; `type` is a selectable field.

import { alreadyExists } from '../../kube/api-errors';
import { admitSecret, type SecretRequest } from '../config-admission';
import { rfc3339 } from '../time-format';
import { secretRequest } from './config-decode';
import { columns, type KindRegistry } from './kind-registry';
import { METADATA } from './strict-fields';
import { ageSince } from './table-cells';
import { writeOver } from './update-helpers';

export const secretRegistry: KindRegistry<'secrets', SecretRequest> = {
  info: { resource: 'secrets', singular: 'secret', kind: 'Secret', shortNames: [], namespaced: true, apiVersion: 'v1', group: '' },
  fields: { apiVersion: true, kind: true, metadata: METADATA, data: '*', stringData: '*', type: true, immutable: true },
  decode: secretRequest,
  create(req, ctx) {
    if (ctx.get('secrets', req.namespace, req.name)) throw alreadyExists('secrets', req.name);
    return admitSecret(req, undefined, ctx.newUid(), rfc3339(ctx.now));
  },
  update(old, req) {
    writeOver(old, admitSecret(req, old, old.metadata.uid, old.metadata.creationTimestamp), ['data', 'immutable']);
  },
  columns: columns(['NAME', 'TYPE', 'DATA', 'AGE']),
  cells: (s, o) => [s.metadata.name, s.type, String(Object.keys(s.data ?? {}).length), ageSince(s.metadata.creationTimestamp, o.nowMs)],
  selectableFields: ['type'],
};
