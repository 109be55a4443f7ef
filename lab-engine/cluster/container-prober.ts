// The port through which the kubelet's prober runs a probe against a container. What a container
// really answers (which paths return 200, which ports listen, what `cat /tmp/healthy` finds) is
// known only to the dataplane's image profiles, a layer above this one; the composition root
// (simulation/) wires an implementation in (dataplane/apps/container-prober.ts). A cluster with
// no prober wired (a test of cluster/ alone) finds every probe succeeding.

import type { Container, Pod, Probe } from '../kube/types';

/** What one probe run found, with the kubelet's own text (pkg/kubelet/prober and pkg/probe/*). */
export type ProbeVerdict =
  | { result: 'success' }
  /** `output` is what follows `Readiness probe failed: ` in the Unhealthy event. */
  | { result: 'failure'; output: string }
  /** The probe could not run at all (a named port the container does not declare): `... probe errored and resulted in unknown state: <error>`; the last result stands. */
  | { result: 'unknown'; error: string };

export interface ContainerProber {
  /** Runs `probe` against `container` of `pod` (running, with an IP) at `nowMs`. */
  run(pod: Pod, container: Container, probe: Probe, nowMs: number): ProbeVerdict;
  /**
   * How `container` ends once the kubelet stops it (SIGTERM, then SIGKILL after `graceMs`): when,
   * and with what its program does on SIGTERM, or 137 when it outlives the grace period.
   */
  stop(pod: Pod, container: Container, graceMs: number): ContainerStop;
}

export interface ContainerStop {
  afterMs: number;
  exitCode: number;
}

/** Every probe passes; a stopped container is killed at once. */
export const ALWAYS_HEALTHY: ContainerProber = {
  run: () => ({ result: 'success' }),
  stop: () => ({ afterMs: 0, exitCode: 137 }),
};
