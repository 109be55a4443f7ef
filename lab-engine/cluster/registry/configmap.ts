// ConfigMaps (core/v1): decoding (values must be strings), validation of names, keys and size,
// immutability once `immutable: true` (config-admission.ts), and printConfigMap's Table.

import { alreadyExists } from '../../kube/api-errors';
import { admitConfigMap, type ConfigMapRequest } from '../config-admission';
import { rfc3339 } from '../time-format';
import { configMapRequest } from './config-decode';
import { columns, type KindRegistry } from './kind-registry';
import { METADATA } from './strict-fields';
import { ageSince } from './table-cells';
import { writeOver } from './update-helpers';

export const configMapRegistry: KindRegistry<'configmaps', ConfigMapRequest> = {
  info: { resource: 'configmaps', singular: 'configmap', kind: 'ConfigMap', shortNames: ['cm'], namespaced: true, apiVersion: 'v1', group: '' },
  fields: { apiVersion: true, kind: true, metadata: METADATA, data: '*', binaryData: '*', immutable: true },
  decode: configMapRequest,
  create(req, ctx) {
    if (ctx.get('configmaps', req.namespace, req.name)) throw alreadyExists('configmaps', req.name);
    return admitConfigMap(req, undefined, ctx.newUid(), rfc3339(ctx.now));
  },
  update(old, req) {
    writeOver(old, admitConfigMap(req, old, old.metadata.uid, old.metadata.creationTimestamp), ['data', 'binaryData', 'immutable']);
  },
  columns: columns(['NAME', 'DATA', 'AGE']),
  cells: (cm, o) => [cm.metadata.name, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), ageSince(cm.metadata.creationTimestamp, o.nowMs)],
};
