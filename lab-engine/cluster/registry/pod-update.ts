// A pod's update rule: ValidatePodUpdate (pkg/apis/core/validation/validation.go, v1.34). The
// spec of a running pod is fixed except container images, activeDeadlineSeconds, additions to
// tolerations and terminationGracePeriodSeconds from negative to 1; everything else is refused
// with `spec: Forbidden: pod updates may not change fields other than ...` and a go-cmp diff of
// the spec (pod-spec-diff.ts), or, when containers are added or removed,
// `spec.containers: Forbidden: pod updates may not add or remove containers`.
//
// The request is what the client sent: a field it leaves out keeps the stored value (kubectl
// apply and patch send patches, so fields the server set — nodeName, defaults, the token volume —
// are never "changed" by leaving them out).

import { invalid, type StatusCause } from '../../kube/api-errors';
import type { Pod, PodSpec, Toleration } from '../../kube/types';
import { admitPod, type PodRequest } from '../pod-admission';
import { setLabelsAndAnnotations } from './metadata-update';
import { NotModelled } from './not-modelled';
import { podSpecDiff } from './pod-spec-diff';

const UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A token volume name is random on create; the candidate spec takes the stored one, so no rng is drawn here. */
const NO_RNG = { next: () => 0, int: () => 0, state: () => 0 };

/** Validates `req` as an update of `pod` and writes what may change onto it; throws `invalid(...)` otherwise. */
export function updatePod(pod: Pod, req: PodRequest): void {
  const candidate = admitPod(req, pod.metadata.uid, pod.metadata.creationTimestamp, NO_RNG).spec;
  const causes = podUpdateCauses(pod.spec, keepServerFields(pod.spec, candidate, req));
  if (causes.length) throw invalid('Pod', req.name, causes);
  const imagesChanged = candidate.containers.some((c, i) => c.image !== pod.spec.containers[i].image);
  if (imagesChanged) throw new NotModelled('changing the image of a running pod');
  if (req.tolerations) pod.spec.tolerations = candidate.tolerations;
  setLabelsAndAnnotations(pod.metadata, req.labels, req.annotations);
}

/** Fields the request leaves out, and the ones the server itself set, as stored. */
function keepServerFields(old: PodSpec, next: PodSpec, req: PodRequest): PodSpec {
  const spec: PodSpec = { ...next, volumes: old.volumes, serviceAccount: old.serviceAccount, serviceAccountName: old.serviceAccountName, securityContext: old.securityContext };
  // A request that names its DNS settings is compared (they cannot change); one that leaves them out keeps them.
  if (req.dnsPolicy === undefined) spec.dnsPolicy = old.dnsPolicy;
  if (req.dnsConfig === undefined) setOrDelete(spec, 'dnsConfig', old.dnsConfig);
  spec.schedulerName = old.schedulerName;
  spec.preemptionPolicy = old.preemptionPolicy;
  if (req.nodeName === undefined) setOrDelete(spec, 'nodeName', old.nodeName);
  if (req.restartPolicy === undefined) spec.restartPolicy = old.restartPolicy;
  if (req.terminationGracePeriodSeconds === undefined) spec.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  if (req.tolerations === undefined) spec.tolerations = old.tolerations;
  if (req.priority === undefined) spec.priority = old.priority;
  if (req.priorityClassName === undefined) setOrDelete(spec, 'priorityClassName', old.priorityClassName);
  if (req.hostNetwork === undefined) setOrDelete(spec, 'hostNetwork', old.hostNetwork);
  spec.containers = next.containers.map((c, i) => {
    const was = old.containers[i];
    if (!was) return c;
    const kept = { ...c, volumeMounts: was.volumeMounts };
    if (!req.containers[i]?.imagePullPolicy) kept.imagePullPolicy = was.imagePullPolicy;
    return kept;
  });
  return spec;
}

function setOrDelete<K extends keyof PodSpec>(spec: PodSpec, key: K, value: PodSpec[K] | undefined): void {
  if (value === undefined) delete spec[key];
  else spec[key] = value;
}

/** ValidateContainerUpdates, then the munged-spec comparison. */
function podUpdateCauses(old: PodSpec, next: PodSpec): StatusCause[] {
  if (next.containers.length !== old.containers.length) return [{ field: 'spec.containers', message: 'Forbidden: pod updates may not add or remove containers' }];
  const causes: StatusCause[] = [];
  next.containers.forEach((c, i) => {
    if (c.image.trim().length !== c.image.length) causes.push({ field: `spec.containers[${i}].image`, message: `Invalid value: "${c.image}": must not have leading or trailing whitespace` });
  });
  const munged: PodSpec = { ...next, containers: next.containers.map((c, i) => ({ ...c, image: old.containers[i].image })) };
  if (onlyAdditions(old.tolerations, next.tolerations)) munged.tolerations = old.tolerations;
  const graceFromNegative = old.terminationGracePeriodSeconds < 0 && next.terminationGracePeriodSeconds === 1;
  if (graceFromNegative) munged.terminationGracePeriodSeconds = old.terminationGracePeriodSeconds;
  if (canonical(munged) !== canonical(old)) causes.push({ field: 'spec', message: `Forbidden: pod updates may not change fields other than ${UPDATABLE}\n${podSpecDiff(old, munged)}` });
  return causes;
}

/** ValidateTolerationsUpdate's rule for a pod: every old toleration is still there, unchanged. */
function onlyAdditions(old: readonly Toleration[], next: readonly Toleration[]): boolean {
  return old.every((t) => next.some((n) => canonical(n) === canonical(t)));
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined).sort(([a], [b]) => a.localeCompare(b))) : x));
}
