// A stored pod template read back as the request that would produce it, for kinds whose update
// starts from what is stored (a patch or `kubectl scale` of a StatefulSet, a Job's immutable
// template): decoding it again and defaulting gives the same template.

import type { PodTemplateSpec } from '../../kube/types';
import type { TemplateRequest } from '../workload-admission';
import { copyExtras } from '../container-spec';

export function templateRequestOf(t: PodTemplateSpec): TemplateRequest {
  return {
    ...(t.metadata.labels ? { labels: { ...t.metadata.labels } } : {}),
    ...(t.metadata.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
    containers: t.spec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imagePullPolicy: c.imagePullPolicy,
      ...(c.command ? { command: [...c.command] } : {}),
      ...(c.args ? { args: [...c.args] } : {}),
      ...(c.ports ? { ports: c.ports.map((p) => ({ containerPort: p.containerPort, protocol: p.protocol, ...(p.name ? { name: p.name } : {}) })) } : {}),
      ...copyExtras(c),
    })),
    restartPolicy: t.spec.restartPolicy,
    terminationGracePeriodSeconds: t.spec.terminationGracePeriodSeconds,
    ...(t.spec.nodeSelector ? { nodeSelector: { ...t.spec.nodeSelector } } : {}),
    ...(t.spec.hostNetwork ? { hostNetwork: true } : {}),
    tolerations: t.spec.tolerations.map((x) => ({ ...x })),
    dnsPolicy: t.spec.dnsPolicy,
    ...(t.spec.dnsConfig ? { dnsConfig: structuredClone(t.spec.dnsConfig) } : {}),
    priority: t.spec.priority,
    ...(t.spec.priorityClassName ? { priorityClassName: t.spec.priorityClassName } : {}),
    ...(t.spec.serviceAccountName !== 'default' ? { serviceAccountName: t.spec.serviceAccountName } : {}),
  };
}
