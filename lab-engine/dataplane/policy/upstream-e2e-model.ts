// The upstream NetworkPolicy e2e model (kubernetes/kubernetes test/e2e/network/netpol/model.go,
// GROUND-TRUTH §1.2): namespaces x, y, z; pods a, b, c in each; pod label `pod=<name>`; namespace
// label `kubernetes.io/metadata.name=<ns>` (added by the API server); one container per
// (port, protocol) named `cont-<port>-<proto>` with a container port named `serve-<port>-<proto>`.
// Used by the engine's tests and, later, by labs that want the same 3×3 world.

import { NAMESPACE_NAME_LABEL } from './evaluate';
import type { Namespace, NetworkPolicy, Pod, Protocol } from '../../kube/network-policy';

export const MODEL_NAMESPACES = ['x', 'y', 'z'] as const;
export const MODEL_POD_NAMES = ['a', 'b', 'c'] as const;
export const MODEL_PORTS = [80, 81] as const;
export const MODEL_PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** Pod IPs from GROUND-TRUTH §1.2's example assignment (x → 10.244.1.x, y → .2.x, z → .3.x). */
export function modelPodIP(ns: string, pod: string): string {
  const third = MODEL_NAMESPACES.indexOf(ns as (typeof MODEL_NAMESPACES)[number]) + 1;
  const fourth = 10 + MODEL_POD_NAMES.indexOf(pod as (typeof MODEL_POD_NAMES)[number]);
  return `10.244.${third}.${fourth}`;
}

export function modelPod(ns: string, name: string, extraLabels: Record<string, string> = {}): Pod {
  const containers = MODEL_PORTS.flatMap((port) =>
    MODEL_PROTOCOLS.map((protocol) => {
      const proto = protocol.toLowerCase();
      return { name: `cont-${port}-${proto}`, ports: [{ name: `serve-${port}-${proto}`, containerPort: port, protocol }] };
    }),
  );
  return {
    metadata: { name, namespace: ns, labels: { pod: name, ...extraLabels } },
    spec: { containers },
    status: { podIP: modelPodIP(ns, name) },
  };
}

export function modelNamespace(name: string, extraLabels: Record<string, string> = {}): Namespace {
  return { metadata: { name, labels: { [NAMESPACE_NAME_LABEL]: name, ...extraLabels } } };
}

/** A world holding exactly the pods a test names ("x/a", "y/b", ...), like upstream's initializeResources. */
export function modelWorld(podStrings: readonly string[], policies: NetworkPolicy[] = []) {
  const pods = podStrings.map((s) => {
    const [ns, name] = s.split('/');
    return modelPod(ns, name);
  });
  const namespaces = MODEL_NAMESPACES.map((ns) => modelNamespace(ns));
  return { pods, namespaces, policies };
}
