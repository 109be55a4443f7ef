// The simulated control plane as one object: the generic API server (`cluster.api`: create /
// get / list / update / patch / delete for every registered kind, with the real server's errors),
// the informers that react to its writes (controllers, the kubelet's pod lifecycle, the
// root-CA publisher, ingress status) and the clock they all read. kubectl and the grader talk to
// `api` and the reads here, never to the store directly.

import type { ManualClock } from '../core/clock';
import type { Rng } from '../core/random';
import type { TopologyOptions } from '../core/topology';
import type { ApiObject, Pod, ResourceName } from '../kube/types';
import { ObjectStore, type StoreState, type TypeOf } from './object-store';
import { HostLocalIpam, type IpamState } from './host-local-ipam';
import { POD_STAGES, StageEngine, UNSCHEDULABLE_RETRY_MS, containerExited, enter, removePod, type LifecycleContext, type PodRuntime } from './lifecycle/pod-lifecycle';
import type { PodRequest } from './pod-admission';
import { bootstrapDefaultCluster } from './bootstrap/default-topology';
import type { ClusterBootstrapOptions } from './bootstrap/network-addon';
import { WATCHED, controllerRef, reconcileWorkloads, type ControllerPorts } from './controllers/index';
import { ServiceAllocators, emptyServiceAllocState, type ServiceAllocState } from './service-allocators';
import { reconcileServices, removeServiceEndpoints } from './controllers/endpoints-controller';
import { syncIngressStatus } from './ingress-status';
import { syncGatewayApiStatus } from './gateway-api/gateway-status';
import { rootCaConfigMap } from './bootstrap/system-configmaps';
import { KubeProxyModes, isKubeProxy } from './kube-proxy-modes';
import { CorednsStarts } from './coredns-start';
import { KubeProxySync, type ProxyInputs, type ProxySyncState } from './kube-proxy-sync';
import { rfc3339 } from './time-format';
import { propagationKey } from './lifecycle/termination-timing';
import { EventRecorder, containerFieldPath, kubelet } from './event-recorder';
import { ApiServer, type DeleteOptions, type WatchEvent } from './apiserver/api-server';
import { ContainerLogs, type LogLine } from './container-logs';
import type { ContainerProber } from './container-prober';
import { CloudRouteTable, type CloudRouteState } from './cloud-routes/cloud-route-table';

export type { DeleteOptions } from './apiserver/api-server';
export type { LogLine } from './container-logs';

export interface ClusterState {
  store: StoreState;
  /** ClusterIP / NodePort / load-balancer allocations (absent in snapshots older than Services). */
  services?: ServiceAllocState;
  ipam: IpamState;
  runtime: Record<string, PodRuntime>;
  imageCache: Record<string, string[]>;
  /** What containers wrote beyond their start-up banner (access logs, CoreDNS query logs), by `namespace/pod/container`. */
  logs?: Record<string, LogLine[]>;
  /** The proxy mode each kube-proxy pod (by uid) read from its configmap when it was created. */
  proxyModes?: Record<string, string>;
  /** Per node whose kube-proxy is not running: the Services and EndpointSlices it last synced. */
  proxySync?: ProxySyncState;
  /** A kubenet cluster's VPC route table and the route controller's access to it (cloud-routes/). */
  cloudRoutes?: CloudRouteState;
  /** The Corefile and resolv.conf each CoreDNS container start read (coredns-start.ts). */
  corednsStarts?: Record<string, string>;
}

/** What the Gateway API statuses read: a change to any of them has the gateway controller write them again. */
const GATEWAY_API_INPUTS: ReadonlySet<ResourceName> = new Set(['gatewayclasses', 'gateways', 'httproutes', 'referencegrants', 'services', 'namespaces']);

export class Cluster {
  /** The API server every client writes through. */
  readonly api: ApiServer;
  private readonly store: ObjectStore;
  private readonly ipam: HostLocalIpam;
  private readonly runtime: Record<string, PodRuntime>;
  private readonly imageCache: Record<string, string[]>;
  private readonly ctx: LifecycleContext;
  private readonly controllers: ControllerPorts;
  /** Something the workload controllers watch changed since they last ran (not persisted: they are idempotent). */
  private workloadsDirty = true;
  /** Namespaces whose Services' endpoints may be stale (pods or Services changed there); undefined = all. */
  private endpointsDirty: Set<string> | undefined = undefined;
  private readonly serviceAlloc: ServiceAllocators;
  /** Fires the pod lifecycle's stages on the clock (lifecycle/stage-engine.ts). */
  private readonly lifecycle: StageEngine;
  private readonly containerLogs: ContainerLogs;
  private readonly kubeProxyModes: KubeProxyModes;
  private readonly kubeProxySync: KubeProxySync;
  private readonly corednsStarts: CorednsStarts;
  private propagation: { at: string; key: string } | undefined;
  private readonly events: EventRecorder;
  private readonly cloudRoutes: CloudRouteTable | undefined;

  private constructor(
    private readonly clock: ManualClock,
    private readonly rng: Rng,
    state: ClusterState,
  ) {
    this.store = new ObjectStore(state.store);
    this.ipam = new HostLocalIpam(state.ipam);
    this.runtime = state.runtime;
    this.imageCache = state.imageCache;
    this.containerLogs = new ContainerLogs((state.logs ??= {}));
    this.kubeProxyModes = new KubeProxyModes((state.proxyModes ??= {}));
    this.corednsStarts = new CorednsStarts((state.corednsStarts ??= {}));
    this.kubeProxySync = new KubeProxySync((state.proxySync ??= {}), (pod) => this.kubeProxyModes.started(pod, this.store));
    this.events = new EventRecorder(this.store);
    this.cloudRoutes = state.cloudRoutes ? new CloudRouteTable(state.cloudRoutes) : undefined;
    this.ctx = { store: this.store, ipam: this.ipam, rng, imageCache: this.imageCache, events: this.events, programOverride: (pod) => this.kubeProxyModes.program(pod, this.store) ?? this.corednsStarts.program(pod, this.store) };
    this.lifecycle = new StageEngine(POD_STAGES, this.runtime, this.ctx);
    this.serviceAlloc = new ServiceAllocators((state.services ??= emptyServiceAllocState()), rng);
    this.api = new ApiServer({
      store: this.store,
      rng,
      now: () => this.clock.now(),
      serviceAllocators: this.serviceAlloc,
      notify: (e) => this.informers(e),
      gracefulDelete: (resource, obj, options) => resource === 'pods' && (this.startDelete(obj as Pod, options, this.clock.now()), true),
      beforeList: (resource, namespace) => {
        // The API server's event TTL, applied before a list shows them.
        if (resource === 'events') this.events.expire(this.clock.now(), namespace);
      },
      settle: () => this.advanceTo(this.clock.now()),
    });
    this.controllers = {
      store: this.store,
      rng,
      events: this.events,
      createPod: (req: PodRequest, at: number) => this.api.createAt('pods', req, at),
      deletePod: (pod, at) => this.startDelete(pod, {}, at),
      deleteObject: (resource, namespace, name, at) => this.api.deleteAt(resource, namespace, name, at),
    };
  }

  /** A fresh default cluster (DESIGN.md "Default topology") whose clock reads `clock.now()`; its pod network's addon comes from the composition root. */
  static bootstrap(clock: ManualClock, rng: Rng, topology: TopologyOptions, options: ClusterBootstrapOptions): Cluster {
    // kube-controller-manager runs the route controller (--configure-cloud-routes) when the pod network leaves pod CIDRs to the cloud.
    const cloudRoutes: CloudRouteState | undefined = options.network.cloudRoutes ? initialCloudState() : undefined;
    const cluster = new Cluster(clock, rng, { store: { resourceVersion: 1, objects: {} as StoreState['objects'] }, ipam: {}, runtime: {}, imageCache: {}, ...(cloudRoutes ? { cloudRoutes } : {}) });
    bootstrapDefaultCluster(
      { store: cluster.store, ipam: cluster.ipam, rng, runtime: cluster.runtime, imageCache: cluster.imageCache, serviceAlloc: cluster.serviceAlloc },
      clock.now(),
      topology,
      options.network,
    );
    cluster.kubeProxyModes.adoptRunning(cluster.store);
    cluster.corednsStarts.adoptRunning(cluster.store);
    if (cluster.cloudRoutes) {
      // The routes a healthy cluster has had since its nodes joined: part of the starting state, not a change.
      cluster.cloudRoutes.tick(cluster.store, undefined, clock.now());
      cluster.cloudRoutes.state.changes = 0;
    }
    return cluster;
  }

  /** Brings back a cluster from `toJSON()`; the state is taken over, not copied. */
  static restore(clock: ManualClock, rng: Rng, state: ClusterState): Cluster {
    const cluster = new Cluster(clock, rng, state);
    cluster.kubeProxyModes.adoptRunning(cluster.store);
    cluster.corednsStarts.adoptRunning(cluster.store);
    return cluster;
  }

  toJSON(): ClusterState {
    return { store: this.store.toJSON(), ipam: this.ipam.toJSON(), runtime: this.runtime, imageCache: this.imageCache, services: this.serviceAlloc.state, logs: this.containerLogs.state, proxyModes: this.kubeProxyModes.state, proxySync: this.kubeProxySync.state, corednsStarts: this.corednsStarts.state, ...(this.cloudRoutes ? { cloudRoutes: this.cloudRoutes.state } : {}) };
  }

  now(): number {
    return this.clock.now();
  }

  /** Grows on every write to the model. */
  generation(): number {
    // The cloud's route table is no API object; its changes count too (the dataplane reads it).
    return this.store.revision() + (this.cloudRoutes?.state.changes ?? 0);
  }

  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): TypeOf[R] | undefined {
    return this.api.get(resource, namespace, name);
  }

  list<R extends ResourceName>(resource: R, namespace?: string): TypeOf[R][] {
    return this.api.list(resource, namespace);
  }

  /** The informers: what the control plane does when the API server stores, changes or removes an object. */
  private informers(e: WatchEvent): void {
    const obj = e.object as ApiObject;
    const namespace = obj.metadata.namespace;
    if (WATCHED.has(e.resource) && e.resource !== 'pods') this.workloadsDirty = true;
    switch (e.resource) {
      case 'pods':
        if (e.type === 'ADDED') this.podAdded(obj as Pod, e.at);
        else this.workloadsDirty = true;
        if (isKubeProxy(obj as Pod)) this.kubeProxySync.observe(this.store, e.at);
        if (namespace) this.markEndpoints(namespace);
        break;
      case 'services':
        if (e.type === 'DELETED') removeServiceEndpoints(this.store, obj as TypeOf['services']);
        else if (namespace) this.markEndpoints(namespace);
        // A Service deleted or changed may give a pool address back; like MetalLB's controller, look
        // again at every Service still <pending>, in every namespace (only labs with a pool pay for it).
        if (this.serviceAlloc.state.lbPool.length > 0) this.endpointsDirty = undefined;
        break;
      case 'namespaces':
        // kube-controller-manager's root-ca-cert-publisher puts the cluster CA in every namespace.
        if (e.type === 'ADDED') this.store.create('configmaps', rootCaConfigMap(obj.metadata.name, e.at));
        else this.endpointsDirty = undefined;
        break;
      default:
        if (e.resource === 'ingresses' || e.resource === 'ingressclasses') syncIngressStatus(this.store);
    }
    if (GATEWAY_API_INPUTS.has(e.resource)) syncGatewayApiStatus(this.store, e.at);
  }

  /** The kubelet and kube-proxy see a new pod: its lifecycle starts at `at`. */
  private podAdded(pod: Pod, at: number): void {
    this.kubeProxyModes.podCreated(pod, this.store);
    this.corednsStarts.podCreated(pod, this.store);
    this.runtime[keyOf(pod)] = { stage: 'unscheduled', since: at, pullFailures: 0 };
    this.lifecycle.invalidate(keyOf(pod));
    if (controllerRef(pod.metadata.ownerReferences)) this.workloadsDirty = true;
  }

  /** `kubectl run -i`: the pod's main process is the learner's attached command, which ends when they do. */
  attach(namespace: string, name: string): void {
    const rt = this.runtime[`${namespace}/${name}`];
    if (!rt) return;
    rt.attached = true;
    this.lifecycle.invalidate(`${namespace}/${name}`);
  }

  /** The container's main process ended with `exitCode` (an attached `kubectl run -i` command finished); the restart policy decides what follows. */
  finishContainer(namespace: string, name: string, exitCode: number): void {
    const pod = this.store.get('pods', namespace, name);
    const key = `${namespace}/${name}`;
    const rt = this.runtime[key];
    if (!pod || !rt || rt.stage !== 'running') return;
    containerExited(pod, rt, this.ctx, this.clock.now(), exitCode);
    this.lifecycle.invalidate(key);
    this.markEndpoints(namespace);
    this.advanceTo(this.clock.now());
  }

  /** A pod's DELETE: graceful (the kubelet stops its containers), or at once with grace 0 or an unscheduled pod. */
  private startDelete(pod: Pod, options: DeleteOptions, now: number): void {
    const grace = options.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds;
    const rt = this.runtime[keyOf(pod)];
    if (controllerRef(pod.metadata.ownerReferences)) this.workloadsDirty = true;
    this.markEndpoints(pod.metadata.namespace!);
    this.lifecycle.invalidate(keyOf(pod));
    if (pod.spec.nodeName && !pod.metadata.deletionTimestamp) {
      for (const s of pod.status.containerStatuses ?? []) {
        if (s.state.running) this.events.record(now, pod, 'Normal', 'Killing', `Stopping container ${s.name}`, kubelet(pod.spec.nodeName), containerFieldPath(s.name));
      }
    }
    if (grace <= 0 || !pod.spec.nodeName) {
      delete this.runtime[keyOf(pod)];
      removePod(pod, this.ctx);
      this.kickUnschedulable(now);
      this.kubeProxyStopped(pod, now);
      return;
    }
    const deadline = now + grace * 1000;
    if (pod.metadata.deletionTimestamp && rt && rt.stage === 'terminating' && rt.since + (rt.graceMs ?? 0) <= deadline) return;
    pod.metadata.deletionTimestamp = rfc3339(deadline);
    pod.metadata.deletionGracePeriodSeconds = grace;
    this.store.touch(pod);
    const runtime = rt ?? { stage: 'terminating', since: now, pullFailures: 0 };
    enter(runtime, 'terminating', now);
    runtime.graceMs = grace * 1000;
    this.runtime[keyOf(pod)] = runtime;
    // SIGTERM: kube-proxy stops syncing as its termination begins.
    this.kubeProxyStopped(pod, now);
  }

  /** A kube-proxy pod is going: its node keeps the rules it had (a no-op for any other pod). */
  private kubeProxyStopped(pod: Pod, at: number): void {
    if (isKubeProxy(pod)) this.kubeProxySync.observe(this.store, at);
  }

  /** The kubelet's prober runs probes through `prober` (the composition root wires the dataplane's). */
  setProber(prober: ContainerProber): void {
    this.ctx.prober = prober;
  }

  /** A line a container wrote (an access log, a CoreDNS query log), stamped with the clock. */
  appendLog(namespace: string, pod: string, container: string, line: string): void {
    this.containerLogs.append(this.clock.now(), namespace, pod, container, line);
  }

  /** Lines appended for one container, oldest first (the start-up banner is the printer's business). */
  logLines(namespace: string, pod: string, container: string): readonly LogLine[] {
    return this.containerLogs.lines(namespace, pod, container);
  }

  /** What a system component logged when its container started at `startedAtMs` (kube-proxy's mode or its refusal). */
  componentStartupLog(pod: Pod, startedAtMs: number): readonly LogLine[] {
    return [...this.kubeProxyModes.startupLog(pod, this.store, startedAtMs), ...this.corednsStarts.startupLog(pod, this.store, startedAtMs)];
  }

  /** The Services and EndpointSlices `node`'s rules come from: the API's while its kube-proxy runs, else those it last synced. */
  kubeProxyInputs(node: string): ProxyInputs {
    return this.kubeProxySync.inputsOn(node, this.store, this.clock.now());
  }

  /** Which deleted pods kube-proxy's last sync still routes to (termination-timing.ts); changes as the clock passes their propagation delay. */
  endpointPropagationKey(): string {
    const at = `${this.store.revision()}@${this.clock.now()}`;
    // Read on every hop the dataplane walks: computed once per write and clock tick.
    if (this.propagation?.at !== at) this.propagation = { at, key: propagationKey(this.store.list('pods').filter((p) => p.metadata.deletionTimestamp), this.clock.now()) };
    return this.propagation.key;
  }

  /** When `node`'s kube-proxy stopped syncing (its rules frozen since), undefined while it runs. */
  kubeProxyStoppedAt(node: string): number | undefined {
    return this.kubeProxySync.stoppedAt(node);
  }

  /** The mode the kube-proxy on `node` runs in: what its configmap said when that pod started. */
  kubeProxyMode(node: string): string | undefined {
    return this.kubeProxyModes.modeOn(node, this.store);
  }

  /** A kubenet cluster's VPC route table (undefined when the pod network needs no cloud routes). */
  cloudRouteTable(): CloudRouteTable | undefined {
    return this.cloudRoutes;
  }

  /** The addresses LoadBalancer Services get (a cloud or MetalLB pool); empty leaves them `<pending>`. */
  setLoadBalancerPool(addresses: string[]): void {
    this.serviceAlloc.state.lbPool = [...addresses];
    this.endpointsDirty = undefined;
    this.advanceTo(this.clock.now());
  }

  private markEndpoints(namespace: string): void {
    this.endpointsDirty?.add(namespace);
  }

  /** A pod went away: parked unschedulable pods get another try a second later (the scheduler's backoff). */
  private kickUnschedulable(at: number): void {
    for (const [key, rt] of Object.entries(this.runtime)) {
      if (rt.stage !== 'unschedulable') continue;
      const next = at + 1_000;
      if (rt.since + UNSCHEDULABLE_RETRY_MS <= next) continue;
      rt.since = next - UNSCHEDULABLE_RETRY_MS;
      this.lifecycle.invalidate(key);
    }
  }

  /** Runs the controllers at `at` if anything they watch changed. */
  private reconcile(at: number): void {
    if (this.workloadsDirty) {
      this.workloadsDirty = false;
      reconcileWorkloads(this.controllers, at);
    }
    if (!this.endpointsDirty || this.endpointsDirty.size > 0) {
      const namespaces = this.endpointsDirty;
      this.endpointsDirty = new Set();
      reconcileServices(this.store, this.serviceAlloc, this.rng, at, namespaces);
    }
  }

  /** When the next lifecycle rule is due, or undefined when nothing is pending. */
  nextEventAt(filter?: (namespace: string, name: string) => boolean): number | undefined {
    return this.lifecycle.nextDue(filter)?.at;
  }

  /**
   * Moves the clock to `nowMs`, firing every rule that falls due on the way, each at its own
   * instant. A time in the past only fires what is already due. Returns true if anything changed.
   */
  advanceTo(nowMs: number): boolean {
    const before = this.store.revision();
    this.reconcile(this.clock.now());
    this.lifecycle.runUntil(nowMs, this.clock, (fired) => {
      // A kube-proxy that started, crashed or went changes its node's rules before anything else moves.
      if (isKubeProxy(fired.pod)) {
        if (!fired.removed) this.kubeProxyModes.containerStarted(fired.pod, this.store);
        this.kubeProxySync.observe(this.store, fired.at);
      }
      if (fired.removed) this.kickUnschedulable(fired.at);
      // A pod gone may be the last content of a Terminating namespace (the namespace controller's requeue).
      if (controllerRef(fired.pod.metadata.ownerReferences) || fired.removed) this.workloadsDirty = true;
      this.markEndpoints(fired.namespace);
      this.reconcile(fired.at);
    });
    if (nowMs > this.clock.now()) this.clock.set(nowMs);
    this.cloudRoutes?.tick(this.store, this.events, this.clock.now());
    syncIngressStatus(this.store);
    syncGatewayApiStatus(this.store, this.clock.now());
    return this.store.revision() !== before;
  }
}

/**
 * The cloud a kubenet cluster runs on: kube-controller-manager's --cluster-name default
 * (`kubernetes`, the prefix of the routes it names) and a project whose control-plane account may
 * write routes (Compute Network Admin), as a healthy install leaves it.
 */
function initialCloudState(): CloudRouteState {
  const controllerAccount = `k8s-control-plane@${CLOUD_PROJECT}.iam.gserviceaccount.com`;
  return {
    clusterName: 'kubernetes',
    project: CLOUD_PROJECT,
    network: 'default',
    zone: 'europe-west1-b',
    controllerAccount,
    bindings: { 'roles/compute.networkAdmin': [`serviceAccount:${controllerAccount}`], 'roles/compute.instanceAdmin.v1': [`serviceAccount:k8s-nodes@${CLOUD_PROJECT}.iam.gserviceaccount.com`] },
    routes: [],
  };
}

const CLOUD_PROJECT = 'flatnet-prod';

function keyOf(pod: Pod): string {
  return `${pod.metadata.namespace}/${pod.metadata.name}`;
}
