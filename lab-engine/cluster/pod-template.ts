// Pod templates: the hash that names a Deployment's ReplicaSets and labels their pods
// (`pod-template-hash`) and a DaemonSet's revisions (`controller-revision-hash`), and the pod
// request a controller makes from a template.
//
// The real controller hashes the template with FNV-32a and renders the 32-bit sum's decimal
// digits through rand.SafeEncodeString, which maps every byte onto the name-suffix alphabet by
// `alphabet[byte % 27]`; digits therefore come out as only `4-9`, `b`, `c`, `d`, `f`, which is why
// real names look like `web-7d4b9c8f5`. The bytes hashed here are our own canonical JSON of the
// template, so the value differs from a real cluster's for the same template, but it has the same
// shape and the same property: any template change gives a new hash, the same template the same.

import { KUBE_SUFFIX_ALPHABET } from '../core/random';
import type { ContainerRequest, PodRequest } from './pod-admission';
import { copyExtras } from './container-spec';
import type { OwnerReference, PodTemplateSpec } from '../kube/types';

export function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i) & 0xff;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += KUBE_SUFFIX_ALPHABET[text.charCodeAt(i) % KUBE_SUFFIX_ALPHABET.length];
  return out;
}

/** controller.ComputeHash: the template hash, optionally salted with the collision count. */
export function templateHash(template: PodTemplateSpec, collisionCount = 0): string {
  const canonical = canonicalJson(template) + (collisionCount ? String(collisionCount) : '');
  return safeEncode(String(fnv32a(canonical)));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The pod a controller asks the API server for, from its template. */
export function podRequestFromTemplate(
  template: PodTemplateSpec,
  name: string,
  namespace: string,
  owner: OwnerReference,
  extraLabels: Record<string, string> = {},
  nodeName?: string,
): PodRequest {
  const spec = template.spec;
  const containers: ContainerRequest[] = spec.containers.map((c) => ({
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    ...(c.ports ? { ports: c.ports.map((p) => ({ ...p })) } : {}),
    ...(c.command ? { command: [...c.command] } : {}),
    ...(c.args ? { args: [...c.args] } : {}),
    ...copyExtras(c),
  }));
  return {
    name,
    namespace,
    labels: { ...(template.metadata.labels ?? {}), ...extraLabels },
    annotations: template.metadata.annotations,
    containers,
    restartPolicy: spec.restartPolicy,
    nodeName,
    hostNetwork: spec.hostNetwork,
    // The template's own policy, except ClusterFirst on the host network, which Flatnet's system pods store as ClusterFirstWithHostNet.
    ...(spec.dnsPolicy && !(spec.hostNetwork && spec.dnsPolicy === 'ClusterFirst') ? { dnsPolicy: spec.dnsPolicy } : {}),
    ...(spec.dnsConfig ? { dnsConfig: spec.dnsConfig } : {}),
    tolerations: spec.tolerations,
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
    priorityClassName: spec.priorityClassName,
    priority: spec.priority,
    nodeSelector: spec.nodeSelector,
    ownerReferences: [owner],
  };
}
