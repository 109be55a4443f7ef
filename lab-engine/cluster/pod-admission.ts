// What the API server does to a pod on create before storing it: validation with the server's
// own error texts, then defaulting and the admission plugins every kubeadm cluster runs
// (ServiceAccount adds the token volume, DefaultTolerationSeconds adds the two 300 s tolerations).

import type { Rng } from '../core/random';
import { randomSuffix } from '../core/random';
import type { StatusCause } from '../kube/api-errors';
import { invalid } from '../kube/api-errors';
import type { Container, ContainerPort, OwnerReference, Pod, PodDNSConfig, PodSpec, Toleration } from '../kube/types';
import { validatePodDns } from './pod-dns-validation';
import { parseImageRef } from './images';
import { defaultedExtras, type ContainerSpecExtras } from './container-spec';
import { podQosClass, validateContainerExtras } from './container-spec-validation';

export interface ContainerRequest extends ContainerSpecExtras {
  name: string;
  image: string;
  ports?: { containerPort: number; protocol?: ContainerPort['protocol']; name?: string }[];
  command?: string[];
  args?: string[];
  /** Empty or absent: the server's default for the image's tag. */
  imagePullPolicy?: Container['imagePullPolicy'];
  /** `kubectl run -i`/`-t`: the container keeps stdin open (stdinOnce) and gets a TTY. */
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
}

export interface PodRequest {
  name: string;
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  containers: ContainerRequest[];
  restartPolicy?: Pod['spec']['restartPolicy'];
  nodeName?: string;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  tolerations?: Toleration[];
  terminationGracePeriodSeconds?: number;
  priorityClassName?: string;
  priority?: number;
  nodeSelector?: Record<string, string>;
  affinity?: PodSpec['affinity'];
  /** Absent: ClusterFirst (ClusterFirstWithHostNet for a hostNetwork pod, as Flatnet's system pods need). */
  dnsPolicy?: string;
  dnsConfig?: PodDNSConfig;
  /** Set by controllers: the ReplicaSet or DaemonSet that owns the pod. */
  ownerReferences?: OwnerReference[];
  /** `generateName` the name was made from (controllers), kept in metadata as the API does. */
  generateName?: string;
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/** metadata.name rules for objects named by a DNS-1123 subdomain (pods, configmaps, secrets). */
export function validateSubdomainName(name: string): StatusCause[] {
  if (!name) return [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }];
  if (name.length > 253) return [{ field: 'metadata.name', message: `Invalid value: "${name}": must be no more than 253 characters` }];
  if (!DNS1123_SUBDOMAIN.test(name)) return [{ field: 'metadata.name', message: `Invalid value: "${name}": ${SUBDOMAIN_MESSAGE}` }];
  return [];
}

/** metadata.name rules for objects named by a DNS-1123 label (namespaces, services). */
export function validateLabelName(name: string): StatusCause[] {
  if (!name) return [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }];
  if (name.length > 63) return [{ field: 'metadata.name', message: `Invalid value: "${name}": must be no more than 63 characters` }];
  if (!DNS1123_LABEL.test(name)) return [{ field: 'metadata.name', message: `Invalid value: "${name}": ${LABEL_MESSAGE}` }];
  return [];
}

/** Field errors for a pod request, in the order the API server reports them. */
export function validatePodRequest(req: PodRequest): StatusCause[] {
  const causes: StatusCause[] = [];
  causes.push(...validateSubdomainName(req.name));
  for (const field of ['hostname', 'subdomain'] as const) {
    const value = req[field];
    if (value !== undefined && (value.length > 63 || !DNS1123_LABEL.test(value))) causes.push({ field: `spec.${field}`, message: `Invalid value: "${value}": ${LABEL_MESSAGE}` });
  }
  if (req.containers.length === 0) causes.push({ field: 'spec.containers', message: 'Required value' });
  req.containers.forEach((c, i) => {
    const path = `spec.containers[${i}]`;
    if (!c.name) causes.push({ field: `${path}.name`, message: 'Required value' });
    else if (c.name.length > 63 || !DNS1123_LABEL.test(c.name)) causes.push({ field: `${path}.name`, message: `Invalid value: "${c.name}": ${LABEL_MESSAGE}` });
    if (!c.image.trim()) causes.push({ field: `${path}.image`, message: 'Required value' });
    (c.ports ?? []).forEach((p, j) => {
      if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
        causes.push({ field: `${path}.ports[${j}].containerPort`, message: `Invalid value: ${p.containerPort}: must be between 1 and 65535, inclusive` });
      }
    });
    causes.push(...validateContainerExtras(defaultedExtras(c, 'pod'), path));
  });
  causes.push(...validatePodDns(req.dnsPolicy, req.dnsConfig));
  return causes;
}

/** A complete pod object as the API server would store it; throws ApiError (Invalid) for a bad request. */
export function admitPod(req: PodRequest, uid: string, createdAt: string, rng: Rng): Pod {
  const causes = validatePodRequest(req);
  if (causes.length > 0) throw invalid('Pod', req.name, causes);
  const tokenVolume = `kube-api-access-${randomSuffix(rng, 5)}`;
  const containers: Container[] = req.containers.map((c) => {
    const container: Container = {
      name: c.name,
      image: c.image,
      imagePullPolicy: c.imagePullPolicy || defaultPullPolicy(c.image),
      ...defaultedExtras(c, 'pod'),
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: tokenVolume, readOnly: true }],
    };
    if (c.command) container.command = [...c.command];
    if (c.args) container.args = [...c.args];
    if (c.stdin) container.stdin = true;
    if (c.stdinOnce) container.stdinOnce = true;
    if (c.tty) container.tty = true;
    if (c.ports?.length) container.ports = c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' }));
    return container;
  });
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: req.name,
      namespace: req.namespace,
      uid,
      resourceVersion: '',
      creationTimestamp: createdAt,
      ...(req.generateName ? { generateName: req.generateName } : {}),
      ...(req.labels && Object.keys(req.labels).length ? { labels: { ...req.labels } } : {}),
      ...(req.annotations && Object.keys(req.annotations).length ? { annotations: { ...req.annotations } } : {}),
      ...(req.ownerReferences ? { ownerReferences: req.ownerReferences.map((o) => ({ ...o })) } : {}),
    },
    spec: {
      containers,
      dnsPolicy: req.dnsPolicy ?? (req.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst'),
      ...(req.dnsConfig ? { dnsConfig: structuredClone(req.dnsConfig) } : {}),
      enableServiceLinks: true,
      ...(req.hostNetwork ? { hostNetwork: true } : {}),
      ...(req.hostname ? { hostname: req.hostname } : {}),
      ...(req.subdomain ? { subdomain: req.subdomain } : {}),
      ...(req.nodeName ? { nodeName: req.nodeName } : {}),
      ...(req.nodeSelector && Object.keys(req.nodeSelector).length ? { nodeSelector: { ...req.nodeSelector } } : {}),
      ...(req.affinity ? { affinity: structuredClone(req.affinity) } : {}),
      preemptionPolicy: 'PreemptLowerPriority',
      priority: req.priority ?? 0,
      ...(req.priorityClassName ? { priorityClassName: req.priorityClassName } : {}),
      restartPolicy: req.restartPolicy ?? 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: req.terminationGracePeriodSeconds ?? 30,
      tolerations: withDefaultTolerations(req.tolerations ?? []),
      volumes: [serviceAccountVolume(tokenVolume)],
    },
    status: { phase: 'Pending', qosClass: podQosClass(containers) },
  };
  return pod;
}

/** DefaultTolerationSeconds: the two 300 s NoExecute tolerations, unless the pod already tolerates those taints. */
function withDefaultTolerations(given: readonly Toleration[]): Toleration[] {
  const out = given.map((t) => ({ ...t }));
  const covers = (key: string) => given.some((t) => (t.operator === 'Exists' && !t.key) || (t.key === key && (!t.effect || t.effect === 'NoExecute')));
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!covers(key)) out.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
  }
  return out;
}

/** `Always` for `:latest` or an untagged image, `IfNotPresent` otherwise (core/v1 defaults). */
export function defaultPullPolicy(image: string): Container['imagePullPolicy'] {
  const ref = parseImageRef(image);
  if (!ref) return 'IfNotPresent';
  if (ref.digest) return 'IfNotPresent';
  return ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function serviceAccountVolume(name: string): Record<string, unknown> {
  return {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  };
}
