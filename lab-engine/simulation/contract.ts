// The contract between the simulated world and everything that drives it: labsh (the learner's
// terminal), labctl (the self-test), the grader and the benchmarks. Implemented in
// simulation/simulation.ts; nothing outside the engine reaches into the model except through this.

import type { CommandResult } from '../core/command-result';
import type { TopologyOptions } from '../core/topology';
import type { HttpProbe, HttpProbeResult } from '../dataplane/apps/http-probe-types';
import type { PodLookup } from '../dataplane/dns/pod-resolver';
import type { Probe, ProbeResult } from '../dataplane/packet/types';

export type { CommandResult } from '../core/command-result';
export type { CniName, CniSettings, IngressKind, TopologyOptions } from '../core/topology';
export type { HttpProbe, HttpProbeResult, HttpProbeTls } from '../dataplane/apps/http-probe-types';

export interface SimulationOptions {
  seed: number;
  topology?: Partial<TopologyOptions>;
  /** Start time of the cluster's clock (ms since epoch). Defaults to SIMULATION_EPOCH_MS. */
  startMs?: number;
  /** Files visible in the workstation's virtual filesystem, e.g. /lab/app.yaml. */
  files?: Record<string, string>;
}

/** Everything needed to bring a session back exactly as it was. Plain JSON. */
export interface SimulationSnapshot {
  version: 1;
  seed: number;
  nowMs: number;
  rngState: number;
  topology: TopologyOptions;
  /** Opaque to callers: the cluster's objects and allocator state. */
  cluster: unknown;
  /** The virtual filesystem of the workstation. */
  files: Record<string, string>;
  /** Shell history, oldest first. */
  history: string[];
}

export interface Simulation {
  /** Run one line as the learner typed it (may hold `;`, `&&`, pipes...). Never throws for learner mistakes. */
  exec(line: string): Promise<CommandResult>;
  /** Move the simulated clock to `nowMs` and run every lifecycle rule that is due. Returns true if any object changed. */
  advanceTo(nowMs: number): boolean;
  /** The current simulated time. */
  now(): number;
  /** Monotonic counter bumped on every change to the model; cheap way to know whether to re-grade. */
  generation(): number;
  /** Read-only view of API objects for checks: `get('pods', 'default', 'web')`, `list('pods', 'default')`. */
  get(resource: string, namespace: string | undefined, name: string): Record<string, unknown> | undefined;
  list(resource: string, namespace?: string): Record<string, unknown>[];
  /**
   * Sends one simulated packet through the dataplane, as a grader's check does: the same walk as
   * the learner's `trace`, but it leaves no conntrack entry and draws from its own fixed random
   * source, so grading never changes what the learner's next command sees.
   */
  probe(probe: Probe): ProbeResult;
  /** Resolves a name as the pod's own resolver would (search list, CoreDNS through the dataplane), for `dns` checks. */
  lookup(namespace: string, pod: string, name: string): PodLookup;
  /** One HTTP GET through the dataplane (and an ingress controller, if it reaches one), for `http` checks; leaves no trace. */
  httpGet(request: HttpProbe): HttpProbeResult;
  snapshot(): SimulationSnapshot;
  /** The prompt labsh shows, e.g. `learner@workstation:~$ `. */
  prompt(): string;
}
