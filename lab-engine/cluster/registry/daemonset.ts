// DaemonSets (apps/v1): strict decoding, apps/v1 defaulting and validation (workload-admission.ts;
// the cluster's own add-ons are DaemonSets), ValidateDaemonSetUpdate's immutable selector and a
// new generation when the template changes (the daemonset controller rolls it out), and
// printDaemonSet's Table with NODE SELECTOR as labels.FormatLabels of the template's.

import { invalid } from '../../kube/api-errors';
import { admitDaemonSet, type DaemonSetRequest } from '../workload-admission';
import { metaOf, obj, podSpecFields, selectorOf, strMap, type Obj } from './decode';
import { setLabelsAndAnnotations } from './metadata-update';
import { selectorGo } from './update-helpers';
import { rfc3339 } from '../time-format';
import { columns, type KindRegistry } from './kind-registry';
import { ROOT, SELECTOR, TEMPLATE } from './strict-fields';
import { ageSince, containerCells, formatLabelSelector, formatLabels } from './table-cells';

export const daemonSetRegistry: KindRegistry<'daemonsets', DaemonSetRequest> = {
  info: { resource: 'daemonsets', singular: 'daemonset', kind: 'DaemonSet', shortNames: ['ds'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
  fields: ROOT({ selector: SELECTOR, template: TEMPLATE, updateStrategy: '*', minReadySeconds: true, revisionHistoryLimit: true }),
  decode: daemonSetRequest,
  create: (req, ctx) => admitDaemonSet({ ...req, annotations: { [GENERATION_ANNOTATION]: '1', ...req.annotations } }, ctx.newUid(), rfc3339(ctx.now)),
  update(old, req) {
    const next = admitDaemonSet(req, old.metadata.uid, old.metadata.creationTimestamp);
    if (JSON.stringify(next.spec.selector) !== JSON.stringify(old.spec.selector)) {
      throw invalid('DaemonSet', req.name, [{ field: 'spec.selector', message: `Invalid value: ${selectorGo(next.spec.selector)}: field is immutable` }], 'apps');
    }
    setLabelsAndAnnotations(old.metadata, req.labels, { ...req.annotations, ...keptAnnotations(old.metadata.annotations) });
    if (JSON.stringify(next.spec.template) !== JSON.stringify(old.spec.template)) {
      old.spec = { ...old.spec, template: next.spec.template };
      old.metadata.generation += 1;
      old.metadata.annotations = { ...old.metadata.annotations, [GENERATION_ANNOTATION]: String(old.metadata.generation) };
    }
  },
  columns: columns(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  cells(ds, o) {
    const st = ds.status;
    return [
      ds.metadata.name,
      String(st.desiredNumberScheduled),
      String(st.currentNumberScheduled),
      String(st.numberReady),
      String(st.updatedNumberScheduled ?? 0),
      String(st.numberAvailable ?? 0),
      formatLabels(ds.spec.template.spec.nodeSelector),
      ageSince(ds.metadata.creationTimestamp, o.nowMs),
      ...containerCells(ds.spec.template),
      formatLabelSelector(ds.spec.selector),
    ];
  },
};

/** The deprecated annotation the DaemonSet strategy keeps equal to the generation. */
const GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
const keptAnnotations = (a: Record<string, string> | undefined): Record<string, string> => (a?.[GENERATION_ANNOTATION] ? { [GENERATION_ANNOTATION]: a[GENERATION_ANNOTATION] } : {});

function daemonSetRequest(o: Obj, namespace: string): DaemonSetRequest {
  const spec = obj(o.spec, 'DaemonSet.spec') ?? {};
  const template = obj(spec.template, 'DaemonSetSpec.template') ?? {};
  const tmeta = obj(template.metadata, 'PodTemplateSpec.metadata') ?? {};
  const tspec = podSpecFields(obj(template.spec, 'PodTemplateSpec.spec') ?? {});
  delete tspec.nodeName;
  const labels = strMap(tmeta.labels, 'ObjectMeta.labels');
  const annotations = strMap(tmeta.annotations, 'ObjectMeta.annotations');
  const selector = selectorOf(spec.selector, 'DaemonSetSpec.selector');
  return { ...metaOf(o, namespace), ...(selector ? { selector } : {}), template: { ...tspec, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
}
