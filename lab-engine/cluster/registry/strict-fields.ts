// The fields each simulated kind accepts, for the API server's strict field validation (kubectl
// sends `fieldValidation=Strict` by default since v1.27): a typo such as `podSelecter` is refused
// with `strict decoding error: unknown field "spec.podSelecter"` instead of being silently dropped.
// Each kind's registry file declares its tree from the shared pieces here; `'*'` marks a
// free-form map (labels, annotations, matchLabels).

export type FieldTree = { readonly [field: string]: FieldTree | '*' | true };

export const SELECTOR: FieldTree = { matchLabels: '*', matchExpressions: { key: true, operator: true, values: true } };
export const METADATA: FieldTree = { name: true, namespace: true, labels: '*', annotations: '*', generateName: true, uid: true, resourceVersion: true, creationTimestamp: true, ownerReferences: true, finalizers: true, generation: true, managedFields: true };
const PORT_CONTAINER: FieldTree = { containerPort: true, name: true, protocol: true, hostPort: true, hostIP: true };
const PROBE: FieldTree = { httpGet: '*', tcpSocket: '*', exec: '*', grpc: '*', initialDelaySeconds: true, periodSeconds: true, timeoutSeconds: true, successThreshold: true, failureThreshold: true, terminationGracePeriodSeconds: true };
const CONTAINER: FieldTree = {
  name: true, image: true, imagePullPolicy: true, command: true, args: true, workingDir: true, ports: PORT_CONTAINER, env: { name: true, value: true, valueFrom: '*' }, envFrom: '*',
  resources: '*', volumeMounts: '*', readinessProbe: PROBE, livenessProbe: PROBE, startupProbe: PROBE, lifecycle: '*', securityContext: '*', stdin: true, stdinOnce: true, tty: true,
  terminationMessagePath: true, terminationMessagePolicy: true,
};
export const POD_SPEC: FieldTree = {
  containers: CONTAINER, initContainers: CONTAINER, restartPolicy: true, nodeName: true, nodeSelector: '*', hostNetwork: true, dnsPolicy: true, dnsConfig: '*', hostname: true, subdomain: true,
  serviceAccountName: true, serviceAccount: true, terminationGracePeriodSeconds: true, tolerations: '*', affinity: '*', volumes: '*', securityContext: '*', priorityClassName: true, priority: true,
  enableServiceLinks: true, preemptionPolicy: true, schedulerName: true, automountServiceAccountToken: true, hostAliases: '*', readinessGates: '*', topologySpreadConstraints: '*', imagePullSecrets: '*', shareProcessNamespace: true,
};
export const TEMPLATE: FieldTree = { metadata: METADATA, spec: POD_SPEC };

export const ROOT = (spec: FieldTree, extra: FieldTree = {}): FieldTree => ({ apiVersion: true, kind: true, metadata: METADATA, spec, status: '*', ...extra });

/** The first field of `obj` its kind does not have, as a JSON path (`spec.ingress[0].form`), or undefined. */
export function unknownField(obj: unknown, tree: FieldTree, path = ''): string | undefined {
  if (Array.isArray(obj)) {
    for (let i = 0; i < obj.length; i++) {
      const found = unknownField(obj[i], tree, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!obj || typeof obj !== 'object') return undefined;
  for (const [key, value] of Object.entries(obj)) {
    const sub = tree[key];
    const here = path ? `${path}.${key}` : key;
    if (sub === undefined) return here;
    if (sub === '*' || sub === true) continue;
    const found = unknownField(value, sub, here);
    if (found) return found;
  }
  return undefined;
}
