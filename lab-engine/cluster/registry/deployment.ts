// Deployments (apps/v1): strict decoding, apps/v1 defaulting and validation
// (workload-admission.ts), ValidateDeploymentUpdate's immutable selector, a new generation when
// the spec changes (which the deployment controller rolls out), and printDeployment's Table.

import { invalid } from '../../kube/api-errors';
import { admitDeployment, type DeploymentRequest } from '../workload-admission';
import { rfc3339 } from '../time-format';
import { metaOf, num, obj, podSpecFields, selectorOf, strMap, type Obj } from './decode';
import { columns, type KindRegistry } from './kind-registry';
import { ROOT, SELECTOR, TEMPLATE } from './strict-fields';
import { ageSince, containerCells, formatLabelSelector } from './table-cells';
import { selectorGo } from './update-helpers';

export const deploymentRegistry: KindRegistry<'deployments', DeploymentRequest> = {
  info: { resource: 'deployments', singular: 'deployment', kind: 'Deployment', shortNames: ['deploy'], namespaced: true, apiVersion: 'apps/v1', group: 'apps' },
  fields: ROOT({ replicas: true, selector: SELECTOR, template: TEMPLATE, strategy: { type: true, rollingUpdate: { maxSurge: true, maxUnavailable: true } }, minReadySeconds: true, revisionHistoryLimit: true, progressDeadlineSeconds: true, paused: true }),
  decode: deploymentRequest,
  create: (req, ctx) => admitDeployment(req, ctx.newUid(), rfc3339(ctx.now)),
  update(old, req) {
    const next = admitDeployment(req, old.metadata.uid, old.metadata.creationTimestamp);
    if (JSON.stringify(next.spec.selector) !== JSON.stringify(old.spec.selector)) {
      throw invalid('Deployment', req.name, [{ field: 'spec.selector', message: `Invalid value: ${selectorGo(next.spec.selector)}: field is immutable` }], 'apps');
    }
    const changed = JSON.stringify(next.spec.template) !== JSON.stringify(old.spec.template) || next.spec.replicas !== old.spec.replicas || JSON.stringify(next.spec.strategy) !== JSON.stringify(old.spec.strategy);
    old.metadata.labels = next.metadata.labels;
    old.metadata.annotations = next.metadata.annotations;
    if (changed) {
      old.spec = { ...next.spec };
      old.metadata.generation += 1;
    }
  },
  columns: columns(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'], ['CONTAINERS', 'IMAGES', 'SELECTOR']),
  cells(d, o) {
    const st = d.status;
    return [d.metadata.name, `${st.readyReplicas ?? 0}/${d.spec.replicas}`, String(st.updatedReplicas ?? 0), String(st.availableReplicas ?? 0), ageSince(d.metadata.creationTimestamp, o.nowMs), ...containerCells(d.spec.template), formatLabelSelector(d.spec.selector)];
  },
};

function deploymentRequest(o: Obj, namespace: string): DeploymentRequest {
  const meta = metaOf(o, namespace);
  const spec = obj(o.spec, 'Deployment.spec') ?? {};
  const template = obj(spec.template, 'DeploymentSpec.template') ?? {};
  const tmeta = obj(template.metadata, 'PodTemplateSpec.metadata') ?? {};
  const tspec = podSpecFields(obj(template.spec, 'PodTemplateSpec.spec') ?? {});
  delete tspec.nodeName;
  const labels = strMap(tmeta.labels, 'ObjectMeta.labels');
  const annotations = strMap(tmeta.annotations, 'ObjectMeta.annotations');
  const replicas = num(spec.replicas, 'DeploymentSpec.replicas');
  const selector = selectorOf(spec.selector, 'DeploymentSpec.selector');
  return {
    ...meta,
    ...(replicas !== undefined ? { replicas } : {}),
    ...(selector ? { selector } : {}),
    template: { ...tspec, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
  };
}
