// What the API server does to a Deployment or DaemonSet on create: defaulting (apps/v1
// defaults: 1 replica, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds
// 600; the pod template's own defaults) and validation with pkg/apis/apps/validation's field
// paths and messages (selector required, non-empty and matching the template's labels).

import type { StatusCause } from '../kube/api-errors';
import { invalid } from '../kube/api-errors';
import { defaultPullPolicy, validatePodRequest, type ContainerRequest } from './pod-admission';
import { defaultedExtras } from './container-spec';
import { selectorMatches } from '../kube/label-selector';
import type { Container, DaemonSet, Deployment, LabelSelector, PodDNSConfig, PodTemplateSpec, Toleration } from '../kube/types';

export interface TemplateRequest {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  containers: ContainerRequest[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  hostNetwork?: boolean;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  terminationGracePeriodSeconds?: number;
  priorityClassName?: string;
  priority?: number;
  dnsPolicy?: string;
  dnsConfig?: PodDNSConfig;
  serviceAccountName?: string;
}

interface WorkloadRequestBase {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Absent: the request carried no selector (an error for apps/v1). */
  selector?: LabelSelector;
  template: TemplateRequest;
}

export interface DeploymentRequest extends WorkloadRequestBase {
  replicas?: number;
  strategy?: Deployment['spec']['strategy'];
}

export type DaemonSetRequest = WorkloadRequestBase;

export function defaultTemplate(t: TemplateRequest): PodTemplateSpec {
  const containers: Container[] = t.containers.map((c) => ({
    ...(c.args ? { args: [...c.args] } : {}),
    ...(c.command ? { command: [...c.command] } : {}),
    image: c.image,
    imagePullPolicy: c.imagePullPolicy || defaultPullPolicy(c.image),
    name: c.name,
    ...(c.ports?.length ? { ports: c.ports.map((p) => ({ containerPort: p.containerPort, ...(p.name ? { name: p.name } : {}), protocol: p.protocol ?? 'TCP' })) } : {}),
    ...defaultedExtras(c, 'template'),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  }));
  const serviceAccount = t.serviceAccountName;
  return {
    metadata: {
      ...(t.annotations && Object.keys(t.annotations).length ? { annotations: { ...t.annotations } } : {}),
      creationTimestamp: null,
      ...(t.labels && Object.keys(t.labels).length ? { labels: { ...t.labels } } : {}),
    },
    spec: {
      containers,
      dnsPolicy: t.dnsPolicy ?? (t.hostNetwork ? 'ClusterFirst' : 'ClusterFirst'),
      ...(t.dnsConfig ? { dnsConfig: structuredClone(t.dnsConfig) } : {}),
      enableServiceLinks: true,
      ...(t.hostNetwork ? { hostNetwork: true } : {}),
      ...(t.nodeSelector && Object.keys(t.nodeSelector).length ? { nodeSelector: { ...t.nodeSelector } } : {}),
      preemptionPolicy: 'PreemptLowerPriority',
      priority: t.priority ?? 0,
      ...(t.priorityClassName ? { priorityClassName: t.priorityClassName } : {}),
      restartPolicy: t.restartPolicy ?? 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      ...(serviceAccount ? { serviceAccount, serviceAccountName: serviceAccount } : { serviceAccount: 'default', serviceAccountName: 'default' }),
      terminationGracePeriodSeconds: t.terminationGracePeriodSeconds ?? 30,
      tolerations: (t.tolerations ?? []).map((x) => ({ ...x })),
    },
  };
}

/** Go's %#v of a map[string]string, as validation messages print template labels. */
function goMap(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!labels || keys.length === 0) return 'map[string]string(nil)';
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}`;
}

function validateWorkload(req: WorkloadRequestBase, kindLower: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const nameCauses = validatePodRequest({ name: req.name, namespace: req.namespace, containers: [{ name: 'x', image: 'x' }] });
  causes.push(...nameCauses);
  if (!req.selector) {
    causes.push({ field: 'spec.selector', message: 'Required value' });
  } else if (!Object.keys(req.selector.matchLabels ?? {}).length && !(req.selector.matchExpressions ?? []).length) {
    causes.push({ field: 'spec.selector', message: `Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for ${kindLower}` });
  } else if (!selectorMatches(req.selector, req.template.labels)) {
    causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goMap(req.template.labels)}: \`selector\` does not match template \`labels\`` });
  }
  const templateCauses = validatePodRequest({ name: 'template', namespace: req.namespace, containers: req.template.containers, dnsPolicy: req.template.dnsPolicy, dnsConfig: req.template.dnsConfig });
  for (const c of templateCauses) causes.push({ field: c.field.replace(/^spec\./, 'spec.template.spec.'), message: c.message });
  if (req.template.restartPolicy && req.template.restartPolicy !== 'Always') {
    causes.push({ field: 'spec.template.spec.restartPolicy', message: `Unsupported value: "${req.template.restartPolicy}": supported values: "Always"` });
  }
  return causes;
}

export function admitDeployment(req: DeploymentRequest, uid: string, createdAt: string): Deployment {
  const causes = validateWorkload(req, 'deployment');
  const replicas = req.replicas ?? 1;
  if (replicas < 0) causes.push({ field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` });
  if (causes.length) throw invalid('Deployment', req.name, causes, 'apps');
  const strategy = req.strategy ?? { type: 'RollingUpdate' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
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
    spec: {
      progressDeadlineSeconds: 600,
      replicas,
      revisionHistoryLimit: 10,
      selector: structuredClone(req.selector!),
      strategy: strategy.type === 'RollingUpdate' ? { rollingUpdate: { maxSurge: strategy.rollingUpdate?.maxSurge ?? '25%', maxUnavailable: strategy.rollingUpdate?.maxUnavailable ?? '25%' }, type: 'RollingUpdate' } : { type: 'Recreate' },
      template: defaultTemplate(req.template),
    },
    status: {},
  };
}

export function admitDaemonSet(req: DaemonSetRequest, uid: string, createdAt: string): DaemonSet {
  const causes = validateWorkload(req, 'daemonset');
  if (causes.length) throw invalid('DaemonSet', req.name, causes, 'apps');
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
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
    spec: {
      revisionHistoryLimit: 10,
      selector: structuredClone(req.selector!),
      template: defaultTemplate(req.template),
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    },
    status: { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 },
  };
}
