// The simulated control plane as one object: the API facade (create/get/list/delete with the
// API server's errors), the controllers that act on it (scheduler, IPAM, pod lifecycle) and the
// clock they all read. kubectl and the grader talk to this, never to the store directly.

import type { ManualClock } from '../core/clock';
import type { Rng } from '../core/random';
import type { TopologyOptions } from '../core/simulation-types';
import { MAX_LIFECYCLE_STEPS, MAX_PODS } from '../core/limits';
import { ObjectStore, type StoreState, type TypeOf } from './object-store';
import { HostLocalIpam, type IpamState } from './host-local-ipam';
import { POD_RULES, enter, removePod, ruleFor, type LifecycleContext, type PodRuntime } from './pod-lifecycle';
import { admitPod, type PodRequest } from './pod-admission';
import { bootstrapDefaultCluster } from './default-topology';
import { forbidden, notFound } from './api-errors';
import type { ResourceName } from './resources';
import type { Pod } from './types';
import { newUid } from './uid';
import { rfc3339 } from './time-format';

export interface ClusterState {
  store: StoreState;
  ipam: IpamState;
  runtime: Record<string, PodRuntime>;
  imageCache: Record<string, string[]>;
}

export interface DeleteOptions {
  /** Seconds; 0 removes at once (kubectl's --force). Defaults to the pod's terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
}

export class Cluster {
  private readonly store: ObjectStore;
  private readonly ipam: HostLocalIpam;
  private readonly runtime: Record<string, PodRuntime>;
  private readonly imageCache: Record<string, string[]>;
  private readonly ctx: LifecycleContext;

  private constructor(
    private readonly clock: ManualClock,
    private readonly rng: Rng,
    state: ClusterState,
  ) {
    this.store = new ObjectStore(state.store);
    this.ipam = new HostLocalIpam(state.ipam);
    this.runtime = state.runtime;
    this.imageCache = state.imageCache;
    this.ctx = { store: this.store, ipam: this.ipam, rng, imageCache: this.imageCache };
  }

  /** A fresh default cluster (DESIGN.md "Default topology") whose clock reads `clock.now()`. */
  static bootstrap(clock: ManualClock, rng: Rng, topology: TopologyOptions): Cluster {
    const cluster = new Cluster(clock, rng, { store: { resourceVersion: 1, objects: { namespaces: [], nodes: [], pods: [] } }, ipam: {}, runtime: {}, imageCache: {} });
    bootstrapDefaultCluster(
      { store: cluster.store, ipam: cluster.ipam, rng, runtime: cluster.runtime, imageCache: cluster.imageCache },
      clock.now(),
      topology,
    );
    return cluster;
  }

  /** Brings back a cluster from `toJSON()`; the state is taken over, not copied. */
  static restore(clock: ManualClock, rng: Rng, state: ClusterState): Cluster {
    return new Cluster(clock, rng, state);
  }

  toJSON(): ClusterState {
    return { store: this.store.toJSON(), ipam: this.ipam.toJSON(), runtime: this.runtime, imageCache: this.imageCache };
  }

  now(): number {
    return this.clock.now();
  }

  /** Grows on every write to the model. */
  generation(): number {
    return this.store.revision();
  }

  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): TypeOf[R] | undefined {
    return this.store.get(resource, namespace, name);
  }

  list<R extends ResourceName>(resource: R, namespace?: string): TypeOf[R][] {
    return this.store.list(resource, namespace);
  }

  /** Admits and stores a pod, then lets zero-delay rules (scheduling) run, as the real control plane does within milliseconds. */
  createPod(req: PodRequest): Pod {
    if (!this.store.get('namespaces', undefined, req.namespace)) throw notFound('namespaces', req.namespace);
    if (this.store.get('namespaces', undefined, req.namespace)?.status.phase === 'Terminating') {
      throw forbidden(`pods "${req.name}" is forbidden: unable to create new content in namespace ${req.namespace} because it is being terminated`);
    }
    if (this.store.count('pods') >= MAX_PODS) throw forbidden(`pods "${req.name}" is forbidden: exceeded quota: the simulated cluster holds at most ${MAX_PODS} pods`);
    const pod = admitPod(req, newUid(this.rng), rfc3339(this.clock.now()), this.rng);
    this.store.create('pods', pod);
    this.runtime[keyOf(pod)] = { stage: 'unscheduled', since: this.clock.now(), pullFailures: 0 };
    this.advanceTo(this.clock.now());
    return pod;
  }

  /** Starts a graceful delete (or removes at once with grace 0 or an unscheduled pod). Returns the pod as the API answered. */
  deletePod(namespace: string, name: string, options: DeleteOptions = {}): Pod {
    const pod = this.store.get('pods', namespace, name);
    if (!pod) throw notFound('pods', name);
    const grace = options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds;
    const rt = this.runtime[keyOf(pod)];
    if (grace <= 0 || !pod.spec.nodeName) {
      delete this.runtime[keyOf(pod)];
      removePod(pod, this.ctx);
      return pod;
    }
    const now = this.clock.now();
    const deadline = now + grace * 1000;
    if (pod.metadata.deletionTimestamp && rt && rt.stage === 'terminating' && rt.since + (rt.graceMs ?? 0) <= deadline) {
      return pod;
    }
    pod.metadata.deletionTimestamp = rfc3339(deadline);
    pod.metadata.deletionGracePeriodSeconds = grace;
    this.store.touch(pod);
    const runtime = rt ?? { stage: 'terminating', since: now, pullFailures: 0 };
    enter(runtime, 'terminating', now);
    runtime.graceMs = grace * 1000;
    this.runtime[keyOf(pod)] = runtime;
    return pod;
  }

  /** When the next lifecycle rule is due, or undefined when nothing is pending. */
  nextEventAt(filter?: (namespace: string, name: string) => boolean): number | undefined {
    return this.nextDue(filter)?.at;
  }

  /**
   * Moves the clock to `nowMs`, firing every rule that falls due on the way, each at its own
   * instant. A time in the past only fires what is already due. Returns true if anything changed.
   */
  advanceTo(nowMs: number): boolean {
    const before = this.store.revision();
    for (let steps = 0; steps < MAX_LIFECYCLE_STEPS; steps++) {
      const due = this.nextDue();
      if (!due || due.at > nowMs) break;
      if (due.at > this.clock.now()) this.clock.set(due.at);
      const pod = this.store.get('pods', due.namespace, due.name);
      const rt = this.runtime[due.key];
      if (!pod) {
        delete this.runtime[due.key];
        continue;
      }
      const stage = rt.stage;
      due.rule.fire(pod, rt, this.ctx, due.at);
      if (!this.store.get('pods', due.namespace, due.name)) delete this.runtime[due.key];
      else if (rt.stage === stage && rt.since < due.at) rt.since = due.at;
    }
    if (nowMs > this.clock.now()) this.clock.set(nowMs);
    return this.store.revision() !== before;
  }

  private nextDue(filter?: (namespace: string, name: string) => boolean) {
    let best: { at: number; key: string; namespace: string; name: string; rule: (typeof POD_RULES)[number] } | undefined;
    for (const key of Object.keys(this.runtime)) {
      const rt = this.runtime[key];
      const rule = ruleFor(rt.stage);
      if (!rule) continue;
      const slash = key.indexOf('/');
      const namespace = key.slice(0, slash);
      const name = key.slice(slash + 1);
      if (filter && !filter(namespace, name)) continue;
      const pod = this.store.get('pods', namespace, name);
      if (!pod) continue;
      const at = rt.since + rule.delayMs(pod, rt, this.ctx);
      if (!Number.isFinite(at)) continue;
      if (!best || at < best.at || (at === best.at && key < best.key)) best = { at, key, namespace, name, rule };
    }
    return best;
  }
}

function keyOf(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}
