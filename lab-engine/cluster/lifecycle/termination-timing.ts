// When a deleted pod's containers get SIGTERM, and how long kube-proxy and the ingress controller
// keep sending to it. Both halves of the rolling-update race, read from the objects and the clock:
//
// - The kubelet runs a container's preStop hook first and sends SIGTERM only when it returns
//   (kubernetes.io "Pod Lifecycle: Termination of Pods"); a server closes its listening socket on
//   SIGTERM, so from then on a connection to it is refused. Without a preStop hook that is the
//   moment of the DELETE. The whole stop (hook, then the program's own shutdown) is bounded by
//   the grace period.
// - The EndpointSlice controller marks the endpoint terminating (not ready) at once, but each
//   node's kube-proxy only rewrites its rules at its next sync, after its informer has seen the
//   change (iptables mode resyncs at most once per minSyncPeriod, 1 s by default), and the ingress
//   controller's balancer learns it the same way. Until then they still send new connections to
//   the pod: ENDPOINT_PROPAGATION_MS of stale routing that a preStop sleep has to outlast.

import type { Container, EndpointSlice, Pod } from '../../kube/types';

/** From the DELETE to every node's rules (and the ingress controller's upstreams) no longer naming the pod. */
export const ENDPOINT_PROPAGATION_MS = 2_000;

/** The longest preStop exec sleep read from a command line; the grace period bounds it anyway. */
const MAX_HOOK_SLEEP_S = 3_600;

/** When the DELETE was accepted: deletionTimestamp is that moment plus the grace period. */
export function deletionRequestedAt(pod: Pod): number | undefined {
  const at = pod.metadata.deletionTimestamp;
  if (!at) return undefined;
  return Date.parse(at) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
}

/**
 * How long `c`'s preStop hook keeps the kubelet from sending SIGTERM: the kubelet's own sleep
 * action, or an exec hook that sleeps (`sleep 5`, `sh -c "sleep 5"`); an HTTP or TCP hook, or an
 * exec that does something else, returns at once as far as the model knows.
 */
export function preStopMs(c: Container): number {
  const hook = c.lifecycle?.preStop;
  if (!hook) return 0;
  if (hook.sleep) return Math.max(0, Math.min(hook.sleep.seconds, MAX_HOOK_SLEEP_S)) * 1000;
  const words = (hook.exec?.command ?? []).flatMap((part) => part.split(/[\s;&|]+/)).filter(Boolean);
  const at = words.findIndex((w) => w === 'sleep' || w.endsWith('/sleep'));
  const seconds = at >= 0 ? Number(words[at + 1]) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_HOOK_SLEEP_S) * 1000 : 0;
}

/** When SIGTERM reaches the pod's first container (undefined while the pod is not being deleted). */
export function sigtermAt(pod: Pod): number | undefined {
  const requested = deletionRequestedAt(pod);
  if (requested === undefined) return undefined;
  const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return requested + Math.min(preStopMs(pod.spec.containers[0]), graceMs);
}

/**
 * The EndpointSlices as kube-proxy and the ingress controller last synced them at `nowMs`: an
 * endpoint whose pod was deleted less than ENDPOINT_PROPAGATION_MS ago still counts as it did
 * before (ready if it was serving). Slices without such an endpoint are returned as they are.
 */
export function slicesAsSynced<S extends EndpointSlice>(slices: readonly S[], podOf: (namespace: string, name: string) => Pod | undefined, nowMs: number): S[] {
  return slices.map((slice) => {
    let changed = false;
    const endpoints = slice.endpoints.map((ep) => {
      if (!ep.conditions?.terminating || !ep.targetRef) return ep;
      const pod = podOf(ep.targetRef.namespace ?? slice.metadata.namespace ?? 'default', ep.targetRef.name);
      const requested = pod ? deletionRequestedAt(pod) : undefined;
      if (requested === undefined || nowMs >= requested + ENDPOINT_PROPAGATION_MS) return ep;
      changed = true;
      const serving = ep.conditions.serving ?? false;
      return { ...ep, conditions: { ready: serving, serving, terminating: false } };
    });
    return changed ? { ...slice, endpoints } : slice;
  });
}

/** Which terminating endpoints are still in the synced view at `nowMs`, as a key that changes when one drops out. */
export function propagationKey(pods: readonly Pod[], nowMs: number): string {
  return pods
    .filter((p) => {
      const requested = deletionRequestedAt(p);
      return requested !== undefined && nowMs < requested + ENDPOINT_PROPAGATION_MS;
    })
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
    .join(',');
}
