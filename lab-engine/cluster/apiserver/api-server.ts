// The simulated kube-apiserver's generic verbs — get, list, create, update, patch, scale,
// delete — run the same way for every kind registered in cluster/registry/: the NamespaceLifecycle
// admission, then the kind's strategy (decode, create = default + validate, update =
// validateUpdate), then storage (AlreadyExists, NotFound), then a watch event to the informers
// (the cluster's controllers and lifecycle). Errors are ApiErrors with the real server's texts;
// kubectl catches them once, where it prints them.

import type { Rng } from '../../core/random';
import { ApiError, alreadyExists, forbidden, invalid, notFound } from '../../kube/api-errors';
import type { ApiObject, ResourceName, ResourceTypes } from '../../kube/types';
import type { ObjectStore } from '../object-store';
import { registryOf, type RequestOf } from '../registry/index';
import type { NamedRequest, RegistryContext } from '../registry/kind-registry';
import { TypeMismatch } from '../registry/decode';
import { unknownField } from '../registry/strict-fields';
import { NotModelled } from '../registry/not-modelled';
import { qualifiedResource } from '../resources';
import type { ServiceAllocators } from '../service-allocators';
import { newUid } from '../uid';
import { checkReplicaQuota, requestedReplicas } from './replica-quota';
import { serverTable, type ServerTable, type TableRequest } from './server-table';
import { beginTermination, refuseImmortalNamespace } from '../namespace-lifecycle';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  resource: ResourceName;
  object: ApiObject;
  /** The instant of the write (a controller's write may be stamped before the clock's reading). */
  at: number;
}

export interface DeleteOptions {
  /** Seconds; 0 removes at once (kubectl's --force). Defaults to the pod's terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
}

export interface CreateOptions {
  /** `--dry-run=server`: admission runs, nothing is stored. */
  dryRun?: boolean;
}

/** What the server is wired to: storage, clock, randomness, and the cluster that reacts to its writes. */
export interface ApiServerPorts {
  store: ObjectStore;
  rng: Rng;
  now(): number;
  serviceAllocators: ServiceAllocators;
  /** The informers: every write is reported synchronously, before the verb returns. */
  notify(event: WatchEvent): void;
  /** A kind whose DELETE is graceful (pods: the kubelet finishes it); true when the port took the delete over. */
  gracefulDelete?(resource: ResourceName, object: ApiObject, options: DeleteOptions): boolean;
  /** Before a list is served (the Event TTL). */
  beforeList?(resource: ResourceName, namespace: string | undefined): void;
  /** After a client's write: the control plane's zero-delay work (scheduling, controllers) runs. */
  settle(): void;
}

type Scalable = { kind: string; spec: { replicas: number }; metadata: { generation: number } };
/** Resources with a scale subresource (spec.replicas). */
export type ScalableResource = { [R in ResourceName]: ResourceTypes[R] extends Scalable ? R : never }[ResourceName];

export type { RequestOf } from '../registry/index';
export { NotModelled } from '../registry/not-modelled';

export class ApiServer {
  constructor(private readonly ports: ApiServerPorts) {}

  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): ResourceTypes[R] | undefined {
    return this.ports.store.get(resource, namespace, name);
  }

  /** A GET that answers NotFound, as the server does. */
  read<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): ResourceTypes[R] {
    const obj = this.get(resource, namespace, name);
    if (!obj) throw notFound(qualifiedResource(registryOf(resource).info), name);
    return obj;
  }

  list<R extends ResourceName>(resource: R, namespace?: string): ResourceTypes[R][] {
    this.ports.beforeList?.(resource, namespace);
    return this.ports.store.list(resource, namespace);
  }

  /**
   * A manifest object to the kind's request, as the server decodes a request body with
   * fieldValidation=Strict: an unknown field or a value of the wrong JSON type is a BadRequest.
   * A kind clients cannot write here is NotModelled.
   */
  decode<R extends ResourceName>(resource: R, body: Record<string, unknown>, namespace: string): RequestOf<R> {
    const reg = registryOf(resource);
    if (!reg.decode) throw new NotModelled(`applying a ${reg.info.kind}`);
    const { kind, apiVersion } = reg.info;
    const cannot = (detail: string) => new ApiError('BadRequest', 400, `${kind} in version "${apiVersion.split('/').pop()}" cannot be handled as a ${kind}: ${detail}`);
    const bad = reg.fields && unknownField(body, reg.fields);
    if (bad) throw cannot(`strict decoding error: unknown field "${bad}"`);
    try {
      return reg.decode(body, reg.info.namespaced ? namespace : '') as RequestOf<R>;
    } catch (error) {
      if (error instanceof TypeMismatch) throw cannot(error.message);
      throw error;
    }
  }

  create<R extends ResourceName>(resource: R, req: RequestOf<R>, options: CreateOptions = {}): ResourceTypes[R] {
    const reg = registryOf(resource);
    if (reg.info.namespaced) this.checkNamespace(resource, (req as NamedRequest).namespace ?? '', req.name);
    const obj = this.admit(resource, req, this.ports.now());
    checkReplicaQuota(qualifiedResource(reg.info), req.name, requestedReplicas(obj));
    if (options.dryRun) {
      // A server dry run goes as far as storage, which still refuses a taken name.
      if (this.get(resource, (req as NamedRequest).namespace, req.name)) throw alreadyExists(qualifiedResource(reg.info), req.name);
      return obj;
    }
    this.store(resource, obj, this.ports.now());
    this.ports.settle();
    return obj;
  }

  /** A controller's create at instant `at`, in the middle of its pass: no namespace check, no settling. */
  createAt<R extends ResourceName>(resource: R, req: RequestOf<R>, at: number): ResourceTypes[R] {
    return this.store(resource, this.admit(resource, req, at), at);
  }

  /** Replaces the object's content through the kind's ValidateUpdate (apply, edit, patch). */
  update<R extends ResourceName>(resource: R, req: RequestOf<R>): ResourceTypes[R] {
    const reg = registryOf(resource);
    const namespace = reg.info.namespaced ? (req as NamedRequest).namespace : undefined;
    const old = this.read(resource, namespace, req.name);
    if (!reg.update) throw new NotModelled(`updating a ${reg.info.kind}`);
    checkReplicaQuota(qualifiedResource(reg.info), req.name, requestedReplicas(req));
    reg.update(old, req, this.context(this.ports.now()));
    return this.modified(resource, old);
  }

  /** A change the client computed on the stored object (labels, a template annotation). */
  patch<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, change: (obj: ResourceTypes[R]) => void): ResourceTypes[R] {
    const obj = this.read(resource, namespace, name);
    change(obj);
    return this.modified(resource, obj);
  }

  /** Labels and annotations as given (absent when empty): `kubectl label`, `annotate`. */
  setMetadata<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, labels: Record<string, string> | undefined, annotations: Record<string, string> | undefined): ResourceTypes[R] {
    return this.patch(resource, namespace, name, (obj) => {
      const meta = obj.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
      if (labels && Object.keys(labels).length) meta.labels = labels;
      else delete meta.labels;
      if (annotations && Object.keys(annotations).length) meta.annotations = annotations;
      else delete meta.annotations;
    });
  }

  /** The scale subresource: spec.replicas of a Deployment, ReplicaSet or any kind that has it. */
  scale<R extends ScalableResource>(resource: R, namespace: string, name: string, replicas: number): ResourceTypes[R] {
    const obj = this.read(resource, namespace, name) as ResourceTypes[R] & Scalable;
    const info = registryOf(resource).info;
    if (replicas < 0) throw invalid(obj.kind, name, [{ field: 'spec.replicas', message: `Invalid value: ${replicas}: must be greater than or equal to 0` }], info.group);
    if (obj.spec.replicas === replicas) return obj;
    checkReplicaQuota(qualifiedResource(info), name, replicas);
    return this.patch(resource, namespace, name, () => {
      obj.spec.replicas = replicas;
      obj.metadata.generation += 1;
    });
  }

  delete<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, options: DeleteOptions = {}): ResourceTypes[R] {
    if (resource === 'namespaces') {
      // NamespaceLifecycle admission, then the registry's graceful delete: Terminating until emptied.
      refuseImmortalNamespace(name);
      const ns = this.read('namespaces', undefined, name);
      if (beginTermination(ns, this.ports.now())) return this.modified(resource, ns as ResourceTypes[R]);
      return ns as ResourceTypes[R];
    }
    const obj = this.read(resource, namespace, name);
    if (!this.ports.gracefulDelete?.(resource, obj, options)) {
      this.ports.store.remove(resource, registryOf(resource).info.namespaced ? namespace : undefined, name);
      registryOf(resource).afterDelete?.(obj, this.context(this.ports.now()));
      this.ports.notify({ type: 'DELETED', resource, object: obj, at: this.ports.now() });
    }
    this.ports.settle();
    return obj;
  }

  /** A controller's DELETE in the middle of its pass (the namespace controller emptying a namespace): removed at once, no settling. */
  deleteAt<R extends ResourceName>(resource: R, namespace: string | undefined, name: string, at: number): void {
    const obj = this.get(resource, namespace, name);
    if (!obj) return;
    this.ports.store.remove(resource, registryOf(resource).info.namespaced ? namespace : undefined, name);
    registryOf(resource).afterDelete?.(obj, this.context(at));
    this.ports.notify({ type: 'DELETED', resource, object: obj, at });
  }

  /** The server-side Table of `objects` (the `as=Table` answer kubectl prints). */
  table<R extends ResourceName>(resource: R, objects: readonly ResourceTypes[R][], request: TableRequest): ServerTable {
    return serverTable(registryOf(resource), objects, request);
  }

  private admit<R extends ResourceName>(resource: R, req: RequestOf<R>, at: number): ResourceTypes[R] {
    const reg = registryOf(resource);
    if (!reg.create) throw new NotModelled(`creating a ${reg.info.kind}`);
    return reg.create(req, this.context(at)) as ResourceTypes[R];
  }

  private store<R extends ResourceName>(resource: R, obj: ResourceTypes[R], at: number): ResourceTypes[R] {
    this.ports.store.create(resource, obj);
    this.ports.notify({ type: 'ADDED', resource, object: obj, at });
    return obj;
  }

  private modified<R extends ResourceName>(resource: R, obj: ResourceTypes[R]): ResourceTypes[R] {
    this.ports.store.touch(obj);
    this.ports.notify({ type: 'MODIFIED', resource, object: obj, at: this.ports.now() });
    this.ports.settle();
    return obj;
  }

  /** The NamespaceLifecycle admission plugin. */
  private checkNamespace(resource: ResourceName, namespace: string, name: string): void {
    const ns = this.ports.store.get('namespaces', undefined, namespace);
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.status.phase === 'Terminating') {
      throw forbidden(`${qualifiedResource(registryOf(resource).info)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private context(at: number): RegistryContext {
    const { store, rng, serviceAllocators } = this.ports;
    return {
      now: at,
      rng,
      newUid: () => newUid(rng),
      get: (resource, namespace, name) => store.get(resource, namespace, name),
      list: (resource, namespace) => store.list(resource, namespace),
      serviceAllocators,
    };
  }
}
