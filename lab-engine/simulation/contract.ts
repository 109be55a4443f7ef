// The contract between the simulated world and everything that drives it: labsh (the learner's
// terminal), labctl (the self-test), the grader and the benchmarks. Implemented in
// simulation/simulation.ts; nothing outside the engine reaches into the model except through this.

import type { CommandResult } from '../core/command-result';
import type { TopologyOptions } from '../core/topology';
import type { HttpProbe, HttpProbeResult } from '../dataplane/apps/http-probe-types';
import type { PodLookup } from '../dataplane/dns/pod-resolver';
import type { Probe, ProbeResult } from '../dataplane/packet/types';
import type { ResourceInfo } from '../cluster/resources';
import type { ApiObject, ResourceName, ResourceTypes } from '../kube/types';
import type { AnswerQuestion, AnswerSheetState } from '../core/answer-sheet';

export type { CommandResult } from '../core/command-result';
export type { CniName, CniSettings, IngressKind, TopologyOptions } from '../core/topology';
export type { HttpProbe, HttpProbeResult, HttpProbeTls } from '../dataplane/apps/http-probe-types';
export type { ResourceInfo } from '../cluster/resources';
export type { ApiObject, ResourceName } from '../kube/types';
export type { AnswerQuestion, AnswerSheetState } from '../core/answer-sheet';

/** Read-only all the way down: the view hands out the model's own objects, not copies. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** One kind's API object as the view returns it: `ObjectOf<'pods'>` is a read-only Pod. */
export type ObjectOf<R extends ResourceName> = DeepReadonly<ResourceTypes[R]>;
/** Any kind's object (a union discriminated by `kind`), for a resource named at run time. */
export type AnyObject = DeepReadonly<ApiObject>;

/**
 * The model as checks read it: API objects in their kube/types shapes, read-only. A resource is
 * named as `kubectl get` takes it (`pods`, `po`, `pod`, `deployments.apps`), resolved through
 * the kind registry's discovery; a resource the API server does not serve has no objects. For a
 * cluster-scoped kind the namespace is ignored. A literal resource name gives its kind's type.
 */
export interface ClusterView {
  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): ObjectOf<R> | undefined;
  get(resource: string, namespace: string | undefined, name: string): AnyObject | undefined;
  /**
   * Every object of the resource (in `namespace`, or all namespaces when it is undefined) whose
   * labels match `selector`, written as `kubectl -l` takes it (`app=web,tier!=db`). Throws on a
   * selector that does not parse: callers pass validated ones (lab.yaml's are checked at load).
   */
  list<R extends ResourceName>(resource: R, namespace?: string, selector?: string): readonly ObjectOf<R>[];
  list(resource: string, namespace?: string, selector?: string): readonly AnyObject[];
  /** What discovery says about a resource name (its plural, kind, scope), or undefined if the server has none. */
  resource(typed: string): ResourceInfo | undefined;
}

export interface SimulationOptions {
  seed: number;
  topology?: Partial<TopologyOptions>;
  /** Start time of the cluster's clock (ms since epoch). Defaults to SIMULATION_EPOCH_MS. */
  startMs?: number;
  /** Files visible in the workstation's virtual filesystem, e.g. /lab/app.yaml. */
  files?: Record<string, string>;
  /** The questions the lab's `answer` checks ask; the learner answers them with `answer <id> <value>`. */
  questions?: readonly AnswerQuestion[];
}

/** What a command run in a fresh shell printed: both streams, and in the order they were written. */
export interface IsolatedRunResult extends CommandResult {
  combined: string;
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
  /** The lab's questions and the learner's answers (absent in snapshots taken before answers existed). */
  answers?: AnswerSheetState;
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
  /** The typed read-only view of API objects checks read: `view().get('pods', 'default', 'web')?.status.phase`. */
  view(): ClusterView;
  /**
   * Sends one simulated packet through the dataplane, as a grader's check does: the same walk as
   * the learner's `trace`, but it leaves no conntrack entry and draws from its own fixed random
   * source, so grading never changes what the learner's next command sees. `draw` picks another
   * of the grader's fixed random sources (0, the default, is the usual one): a check that needs
   * kube-proxy to pick a given endpoint tries the next until it does.
   */
  probe(probe: Probe, draw?: number): ProbeResult;
  /** Resolves a name as the pod's own resolver would (search list, CoreDNS through the dataplane), for `dns` checks. */
  /** `lookups`: how many lookups of the name to time (each resolved answer carries one timing per lookup). */
  lookup(namespace: string, pod: string, name: string, options?: { lookups?: number }): PodLookup;
  /** One HTTP GET through the dataplane (and an ingress controller, if it reaches one), for `http` checks; leaves no trace. */
  httpGet(request: HttpProbe): HttpProbeResult;
  /**
   * Runs a line in a fresh workstation shell on a copy of this world, as a grader's `command` check
   * does: nothing it does (a write, a packet, a `cd`, the history) reaches the learner's session.
   * The copy is what a restored snapshot holds, so kernel state kept outside snapshots (conntrack
   * entries, ARP caches, packet counters) starts empty there.
   */
  runIsolated(line: string): Promise<IsolatedRunResult>;
  /**
   * The copy runIsolated runs in, for a grader that drives it over time (a `load` check: run a
   * rollout, move the copy's clock, send requests); the learner's world never sees any of it.
   */
  isolatedCopy(): Simulation;
  /** The learner's answer to one of the lab's questions (`answer <id> <value>`), as recorded. */
  answerTo(questionId: string): string | undefined;
  snapshot(): SimulationSnapshot;
  /** The prompt labsh shows, e.g. `learner@workstation:~$ `. */
  prompt(): string;
}
