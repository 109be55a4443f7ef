// StatefulSets (apps/v1): strict decoding; SetDefaults_StatefulSet (1 replica, OrderedReady,
// RollingUpdate with partition 0 when no strategy was given, Retain/Retain claim retention,
// revisionHistoryLimit 10) and the pod template's defaults; ValidateStatefulSetSpec's texts
// (pkg/apis/apps/validation); ValidateStatefulSetUpdate, which lets only replicas, ordinals,
// template, updateStrategy, revisionHistoryLimit, the claim retention policy and minReadySeconds
// change; a new generation when the spec changes; printStatefulSet's Table (READY is
// readyReplicas/spec.replicas; -o wide adds CONTAINERS and IMAGES).

import { invalid, type StatusCause } from '../../kube/api-errors';
import { selectorMatches } from '../../kube/label-selector';
import type { StatefulSet } from '../../kube/types';
import { validatePodRequest } from '../pod-admission';
import { rfc3339 } from '../time-format';
import { defaultTemplate, type TemplateRequest } from '../workload-admission';
import { arr, metaOf, num, obj, podSpecFields, selectorOf, str, strMap, type ObjectMetaRequest, type Obj } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { setLabelsAndAnnotations } from './metadata-update';
import { ROOT, SELECTOR, TEMPLATE } from './strict-fields';
import { ageSince, containerCells } from './table-cells';
import { templateRequestOf } from './template-request';

export interface StatefulSetRequest extends ObjectMetaRequest {
  replicas?: number;
  selector?: StatefulSet['spec']['selector'];
  serviceName?: string;
  template: TemplateRequest;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: string | number } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  ordinals?: { start?: number };
  volumeClaimTemplates?: Record<string, unknown>[];
}

export const statefulSetRegistry: KindRegistry<'statefulsets', StatefulSetRequest> = {
  info: { resource: 'statefulsets', singular: 'statefulset', kind: 'StatefulSet', shortNames: ['sts'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
  fields: ROOT({
    replicas: true, selector: SELECTOR, serviceName: true, template: TEMPLATE, podManagementPolicy: true, updateStrategy: { type: true, rollingUpdate: { partition: true, maxUnavailable: true } },
    revisionHistoryLimit: true, minReadySeconds: true, persistentVolumeClaimRetentionPolicy: { whenDeleted: true, whenScaled: true }, ordinals: { start: true }, volumeClaimTemplates: '*',
  }),
  decode: decodeStatefulSet,
  create: (req, ctx) => admitStatefulSet(req, ctx.newUid(), rfc3339(ctx.now)),
  update(old, req) {
    const next = admitStatefulSet(req, old.metadata.uid, old.metadata.creationTimestamp);
    const frozen = (s: StatefulSet['spec']) => JSON.stringify([s.selector, s.serviceName, s.podManagementPolicy, s.volumeClaimTemplates ?? null]);
    if (frozen(next.spec) !== frozen(old.spec)) {
      const message = "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
      throw invalid('StatefulSet', req.name, [{ field: 'spec', message }], 'apps');
    }
    setLabelsAndAnnotations(old.metadata, next.metadata.labels, next.metadata.annotations);
    if (JSON.stringify(next.spec) !== JSON.stringify(old.spec)) {
      old.spec = next.spec;
      old.metadata.generation += 1;
    }
  },
  requestOf: statefulSetRequestOf,
  columns: columns(['NAME', 'READY', 'AGE'], ['CONTAINERS', 'IMAGES']),
  cells: (set, o) => [set.metadata.name, `${set.status.readyReplicas ?? 0}/${set.spec.replicas}`, ageSince(set.metadata.creationTimestamp, o.nowMs), ...containerCells(set.spec.template)],
};

function decodeStatefulSet(o: Obj, namespace: string): StatefulSetRequest {
  const spec = obj(o.spec, 'StatefulSet.spec') ?? {};
  const template = obj(spec.template, 'StatefulSetSpec.template') ?? {};
  const tmeta = obj(template.metadata, 'PodTemplateSpec.metadata') ?? {};
  // A template's pods are placed by the scheduler: nodeName is not part of what a controller stamps out.
  const tspec = podSpecFields(obj(template.spec, 'PodTemplateSpec.spec') ?? {});
  delete tspec.nodeName;
  const labels = strMap(tmeta.labels, 'ObjectMeta.labels');
  const annotations = strMap(tmeta.annotations, 'ObjectMeta.annotations');
  const strategy = obj(spec.updateStrategy, 'StatefulSetSpec.updateStrategy');
  const rolling = obj(strategy?.rollingUpdate, 'StatefulSetUpdateStrategy.rollingUpdate');
  const retention = obj(spec.persistentVolumeClaimRetentionPolicy, 'StatefulSetSpec.persistentVolumeClaimRetentionPolicy');
  const ordinals = obj(spec.ordinals, 'StatefulSetSpec.ordinals');
  const claims = arr(spec.volumeClaimTemplates, 'StatefulSetSpec.volumeClaimTemplates')?.map((c) => obj(c, 'StatefulSetSpec.volumeClaimTemplates') ?? {});
  const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
  return defined({
    ...metaOf(o, namespace),
    replicas: num(spec.replicas, 'StatefulSetSpec.replicas'),
    selector: selectorOf(spec.selector, 'StatefulSetSpec.selector'),
    serviceName: str(spec.serviceName, 'StatefulSetSpec.serviceName'),
    template: { ...tspec, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
    podManagementPolicy: str(spec.podManagementPolicy, 'StatefulSetSpec.podManagementPolicy'),
    updateStrategy: strategy
      ? defined({ type: str(strategy.type, 'StatefulSetUpdateStrategy.type'), rollingUpdate: rolling ? defined({ partition: num(rolling.partition, 'RollingUpdateStatefulSetStrategy.partition'), maxUnavailable: rolling.maxUnavailable as string | number | undefined }) : undefined })
      : undefined,
    revisionHistoryLimit: num(spec.revisionHistoryLimit, 'StatefulSetSpec.revisionHistoryLimit'),
    minReadySeconds: num(spec.minReadySeconds, 'StatefulSetSpec.minReadySeconds'),
    persistentVolumeClaimRetentionPolicy: retention ? defined({ whenDeleted: str(retention.whenDeleted, 'StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted'), whenScaled: str(retention.whenScaled, 'StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled') }) : undefined,
    ordinals: ordinals ? defined({ start: num(ordinals.start, 'StatefulSetOrdinals.start') }) : undefined,
    volumeClaimTemplates: claims,
  });
}

/** SetDefaults_StatefulSet, then ValidateStatefulSet: the object to store, or Invalid with every cause. */
export function admitStatefulSet(req: StatefulSetRequest, uid: string, createdAt: string): StatefulSet {
  const type = req.updateStrategy?.type || 'RollingUpdate';
  // A strategy left out entirely gets `rollingUpdate: {partition: 0}`; an explicit RollingUpdate keeps what it said.
  const rolling = req.updateStrategy?.type ? req.updateStrategy.rollingUpdate : (req.updateStrategy?.rollingUpdate ?? {});
  const spec: StatefulSet['spec'] = {
    ...(req.minReadySeconds ? { minReadySeconds: req.minReadySeconds } : {}),
    ...(req.ordinals ? { ordinals: { start: req.ordinals.start ?? 0 } } : {}),
    persistentVolumeClaimRetentionPolicy: {
      whenDeleted: (req.persistentVolumeClaimRetentionPolicy?.whenDeleted || 'Retain') as 'Retain',
      whenScaled: (req.persistentVolumeClaimRetentionPolicy?.whenScaled || 'Retain') as 'Retain',
    },
    podManagementPolicy: (req.podManagementPolicy || 'OrderedReady') as StatefulSet['spec']['podManagementPolicy'],
    replicas: req.replicas ?? 1,
    revisionHistoryLimit: req.revisionHistoryLimit ?? 10,
    selector: structuredClone(req.selector ?? {}),
    serviceName: req.serviceName ?? '',
    template: defaultTemplate(req.template),
    updateStrategy: {
      type: type as StatefulSet['spec']['updateStrategy']['type'],
      ...(type === 'RollingUpdate' && rolling ? { rollingUpdate: { partition: rolling.partition ?? 0, ...(rolling.maxUnavailable !== undefined ? { maxUnavailable: rolling.maxUnavailable } : {}) } } : {}),
    },
    ...(req.volumeClaimTemplates ? { volumeClaimTemplates: structuredClone(req.volumeClaimTemplates) } : {}),
  };
  const causes = validateStatefulSet(req, spec);
  if (causes.length) throw invalid('StatefulSet', req.name, causes, 'apps');
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
      creationTimestamp: createdAt,
      generation: 1,
      ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
      name: req.name,
      namespace: req.namespace,
      resourceVersion: '',
      uid,
    },
    spec,
    status: { availableReplicas: 0, replicas: 0 },
  };
}

const nonNegative = (field: string, value: number | undefined): StatusCause[] =>
  value !== undefined && value < 0 ? [{ field, message: `Invalid value: ${value}: must be greater than or equal to 0` }] : [];

/** Go's %#v of a map[string]string, as validation messages print template labels. */
function goMap(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!labels || keys.length === 0) return 'map[string]string(nil)';
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}`;
}

/** ValidateObjectMeta then ValidateStatefulSetSpec, in the server's order. */
function validateStatefulSet(req: StatefulSetRequest, spec: StatefulSet['spec']): StatusCause[] {
  const causes: StatusCause[] = validatePodRequest({ name: req.name, namespace: req.namespace, containers: [{ name: 'x', image: 'x' }] });
  if (spec.podManagementPolicy !== 'OrderedReady' && spec.podManagementPolicy !== 'Parallel') {
    causes.push({ field: 'spec.podManagementPolicy', message: `Invalid value: "${spec.podManagementPolicy}": must be 'OrderedReady' or 'Parallel'` });
  }
  const strategy = spec.updateStrategy;
  if (strategy.type === 'OnDelete' && req.updateStrategy?.rollingUpdate) {
    causes.push({ field: 'spec.updateStrategy.rollingUpdate', message: `Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:${req.updateStrategy.rollingUpdate.partition ?? 0}, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'` });
  } else if (strategy.type !== 'OnDelete' && strategy.type !== 'RollingUpdate') {
    causes.push({ field: 'spec.updateStrategy', message: `Invalid value: apps.StatefulSetUpdateStrategy{Type:"${strategy.type}", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'` });
  }
  causes.push(...nonNegative('spec.updateStrategy.rollingUpdate.partition', strategy.rollingUpdate?.partition));
  for (const [field, value] of [['whenDeleted', spec.persistentVolumeClaimRetentionPolicy.whenDeleted], ['whenScaled', spec.persistentVolumeClaimRetentionPolicy.whenScaled]] as const) {
    if (value !== 'Retain' && value !== 'Delete') causes.push({ field: `spec.persistentVolumeClaimRetentionPolicy.${field}`, message: `Unsupported value: "${value}": supported values: "Retain", "Delete"` });
  }
  causes.push(...nonNegative('spec.replicas', spec.replicas), ...nonNegative('spec.minReadySeconds', spec.minReadySeconds), ...nonNegative('spec.ordinals.start', spec.ordinals?.start));
  if (!req.selector) {
    causes.push({ field: 'spec.selector', message: 'Required value' });
  } else if (!Object.keys(req.selector.matchLabels ?? {}).length && !(req.selector.matchExpressions ?? []).length) {
    causes.push({ field: 'spec.selector', message: 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset' });
  } else if (!selectorMatches(req.selector, req.template.labels)) {
    causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goMap(req.template.labels)}: \`selector\` does not match template \`labels\`` });
  }
  for (const c of validatePodRequest({ name: 'template', namespace: req.namespace, containers: req.template.containers })) {
    causes.push({ field: c.field.replace(/^spec\./, 'spec.template.spec.'), message: c.message });
  }
  if (spec.template.spec.restartPolicy !== 'Always') {
    causes.push({ field: 'spec.template.spec.restartPolicy', message: `Unsupported value: "${spec.template.spec.restartPolicy}": supported values: "Always"` });
  }
  return causes;
}

/** What a request for the stored object looks like: a patch starts from it. */
function statefulSetRequestOf(set: StatefulSet): StatefulSetRequest {
  return {
    name: set.metadata.name,
    namespace: set.metadata.namespace ?? 'default',
    ...(set.metadata.labels ? { labels: { ...set.metadata.labels } } : {}),
    ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
    replicas: set.spec.replicas,
    selector: structuredClone(set.spec.selector),
    serviceName: set.spec.serviceName,
    template: templateRequestOf(set.spec.template),
    podManagementPolicy: set.spec.podManagementPolicy,
    updateStrategy: structuredClone(set.spec.updateStrategy),
    revisionHistoryLimit: set.spec.revisionHistoryLimit,
    ...(set.spec.minReadySeconds !== undefined ? { minReadySeconds: set.spec.minReadySeconds } : {}),
    persistentVolumeClaimRetentionPolicy: { ...set.spec.persistentVolumeClaimRetentionPolicy },
    ...(set.spec.ordinals ? { ordinals: { ...set.spec.ordinals } } : {}),
    ...(set.spec.volumeClaimTemplates ? { volumeClaimTemplates: structuredClone(set.spec.volumeClaimTemplates) } : {}),
  };
}
