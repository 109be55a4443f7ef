// CustomResourceDefinitions (apiextensions.k8s.io/v1, cluster-scoped, short names crd, crds).
// Storing one makes the API server serve the kind it defines, if Flatnet has a registry for it
// (cluster/crd-served.ts; today the Gateway API's); a CRD for any other kind is stored and
// listed, and its kind stays unserved. The server marks a new CRD NamesAccepted and Established
// at once. `kubectl get crd` prints NAME and CREATED AT.

import type { CustomResourceDefinition } from '../../kube/types';
import { arr, metaOf, num, obj, str, type ObjectMetaRequest, type Obj } from './decode';
import { customMeta, refuseInvalid, updateSpec } from './custom-object';
import { columns, type KindRegistry } from './kind-registry';
import { rfc3339 } from '../time-format';

type CrdSpec = CustomResourceDefinition['spec'];
export type CrdRequest = ObjectMetaRequest & { spec: CrdSpec };

function crdRequest(o: Obj): CrdRequest {
  const spec = obj(o.spec, 'CustomResourceDefinition.spec') ?? {};
  const names = obj(spec.names, 'CustomResourceDefinitionSpec.names') ?? {};
  const shortNames = arr(names.shortNames, 'CustomResourceDefinitionNames.shortNames')?.map(String);
  const categories = arr(names.categories, 'CustomResourceDefinitionNames.categories')?.map(String);
  const singular = str(names.singular, 'CustomResourceDefinitionNames.singular');
  const listKind = str(names.listKind, 'CustomResourceDefinitionNames.listKind');
  const versions = (arr(spec.versions, 'CustomResourceDefinitionSpec.versions') ?? []).map((v) => {
    const vo = obj(v, 'CustomResourceDefinitionSpec.versions') ?? {};
    const columns = arr(vo.additionalPrinterColumns, 'CustomResourceDefinitionVersion.additionalPrinterColumns')?.map((c) => {
      const co = obj(c, 'CustomResourceDefinitionVersion.additionalPrinterColumns') ?? {};
      const priority = num(co.priority, 'CustomResourceColumnDefinition.priority');
      return { name: str(co.name, 'CustomResourceColumnDefinition.name') ?? '', type: str(co.type, 'CustomResourceColumnDefinition.type') ?? '', jsonPath: str(co.jsonPath, 'CustomResourceColumnDefinition.jsonPath') ?? '', ...(priority !== undefined ? { priority } : {}) };
    });
    return { name: str(vo.name, 'CustomResourceDefinitionVersion.name') ?? '', served: vo.served === true, storage: vo.storage === true, ...(columns ? { additionalPrinterColumns: columns } : {}), ...(vo.schema !== undefined ? { schema: vo.schema } : {}), ...(vo.subresources !== undefined ? { subresources: vo.subresources } : {}) };
  });
  return {
    ...metaOf(o, ''),
    spec: {
      group: str(spec.group, 'CustomResourceDefinitionSpec.group') ?? '',
      names: { plural: str(names.plural, 'CustomResourceDefinitionNames.plural') ?? '', ...(singular ? { singular } : {}), kind: str(names.kind, 'CustomResourceDefinitionNames.kind') ?? '', ...(listKind ? { listKind } : {}), ...(shortNames ? { shortNames } : {}), ...(categories ? { categories } : {}) },
      scope: (str(spec.scope, 'CustomResourceDefinitionSpec.scope') ?? '') as CrdSpec['scope'],
      versions,
    },
  };
}

/** apiextensions' ValidateCustomResourceDefinition, the rules a hand-edited CRD most often breaks. */
function causes(req: CrdRequest): { field: string; message: string }[] {
  const { spec } = req;
  const out: { field: string; message: string }[] = [];
  const want = `${spec.names.plural}.${spec.group}`;
  if (req.name !== want) out.push({ field: 'metadata.name', message: `Invalid value: "${req.name}": must be spec.names.plural+"."+spec.group` });
  if (!['Namespaced', 'Cluster'].includes(spec.scope)) out.push({ field: 'spec.scope', message: `Unsupported value: "${spec.scope}": supported values: "Cluster", "Namespaced"` });
  if (spec.versions.length === 0) out.push({ field: 'spec.versions', message: 'Invalid value: null: must have exactly one version marked as storage version' });
  else if (spec.versions.filter((v) => v.storage).length !== 1) out.push({ field: 'spec.versions', message: 'Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: must have exactly one version marked as storage version' });
  return out;
}

export const customResourceDefinitionRegistry: KindRegistry<'customresourcedefinitions', CrdRequest> = {
  info: { resource: 'customresourcedefinitions', singular: 'customresourcedefinition', kind: 'CustomResourceDefinition', shortNames: ['crd', 'crds'], namespaced: false, apiVersion: 'apiextensions.k8s.io/v1', group: 'apiextensions.k8s.io' },
  decode: (o) => crdRequest(o),
  create(req, ctx) {
    refuseInvalid('CustomResourceDefinition', 'apiextensions.k8s.io', req.name, causes(req));
    const at = rfc3339(ctx.now);
    const { plural, kind } = req.spec.names;
    return {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: customMeta(req, ctx, false),
      spec: req.spec,
      status: {
        acceptedNames: { plural, kind },
        conditions: [
          { type: 'NamesAccepted', status: 'True', lastTransitionTime: at, reason: 'NoConflicts', message: 'no conflicts found' },
          { type: 'Established', status: 'True', lastTransitionTime: at, reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
        ],
        storedVersions: req.spec.versions.filter((v) => v.storage).map((v) => v.name),
      },
    };
  },
  update(old, req) {
    refuseInvalid('CustomResourceDefinition', 'apiextensions.k8s.io', req.name, causes(req));
    updateSpec(old, req);
  },
  columns: columns(['NAME', 'CREATED AT']),
  cells: (c) => [c.metadata.name, c.metadata.creationTimestamp],
};
