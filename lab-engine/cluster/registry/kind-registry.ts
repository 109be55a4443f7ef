// The contract every kind the simulated API server serves implements: ONE file per kind under
// cluster/registry/ (`pod.ts`, `service.ts`, ...), listed once in cluster/registry/index.ts.
// It holds what kube-apiserver keeps per kind: the resource's names and scope (what
// `kubectl api-resources` lists), its strategy (pkg/registry/<group>/<kind>/strategy.go:
// decode, default + validate on create, validateUpdate on update), its validation texts
// (pkg/apis/<group>/validation) and its server-side Table columns
// (pkg/printers/internalversion/printers.go). The generic server (cluster/apiserver/) runs the
// same create/update/delete path for every kind and answers with these hooks' errors; kubectl
// only resolves a name to a registry entry and prints what the server returns.
//
// This interface is shared with engineers adding kinds in parallel: keep it stable, add only
// optional members.
//
// Adding a kind:
//   1. Its API type in a kube/types/<area>.ts file with a
//      `declare module './resource-types' { interface ResourceTypes { <resource>: <Type> } }`
//      block (this makes `<resource>` a ResourceName and the type part of ApiObject), and its
//      `export type * from './<area>'` line in kube/types/index.ts.
//   2. cluster/registry/<kind>.ts exporting a `KindRegistry<'<resource>', <Request>>`, and its line
//      in cluster/registry/index.ts (the compiler refuses a ResourceTypes key without one).
//      Discovery, storage, get's table, apply/create/delete/label/annotate/edit/patch follow.
//   3. If something acts on it, cluster/controllers/<kind>-controller.ts implementing
//      `Controller` (cluster/controllers/controller.ts), and its line in controllers/index.ts.
//   4. Client-side extras real kubectl also keeps per kind, where wanted: a describer
//      (shell/commands/kubectl/printers/describe-<kind>.ts and its case in describe.ts), the
//      `all` category (get-several.ts) and api-resources' verbs/categories.
//   5. Golden fixtures of the real kubectl's output in shell/commands/kubectl/testdata/.

import type { Rng } from '../../core/random';
import type { StatusCause } from '../../kube/api-errors';
import type { Kind, ResourceName, ResourceTypes } from '../../kube/types';
import type { ServiceAllocators } from '../service-allocators';
import type { FieldTree } from './strict-fields';

export type { FieldTree } from './strict-fields';
export type { StatusCause };

/** What discovery says about a resource (`kubectl api-resources`), and how kubectl names it. */
export interface ResourceInfo {
  resource: ResourceName;
  singular: string;
  kind: Kind;
  shortNames: string[];
  namespaced: boolean;
  /** `v1`, `apps/v1`, `networking.k8s.io/v1`. */
  apiVersion: string;
  /** API group; '' for the core group. */
  group: string;
  /** A kind a CustomResourceDefinition defines: that CRD's name; the server serves it only while the CRD is installed. */
  definedBy?: string;
  /** Older versions the server still serves and converts to `apiVersion` (a CRD's other served versions: `gateway.networking.k8s.io/v1beta1`). */
  alsoServedAs?: readonly string[];
}

/** One column of the server-side Table (metav1.TableColumnDefinition); priority 1 shows only with -o wide. */
export interface TableColumn {
  name: string;
  priority: 0 | 1;
}

export interface TableCellOptions {
  /** -o wide: some cells read differently when wide (a Service's EXTERNAL-IP). */
  wide: boolean;
  /** The server's clock reading, for AGE and the like. */
  nowMs: number;
}

/**
 * The server's view while it admits a request: the clock, identity for new objects, read access
 * to what is stored (an Ingress reads the IngressClasses) and the storage extensions some kinds
 * own (a Service's ClusterIP and NodePort allocators).
 */
export interface RegistryContext {
  readonly now: number;
  readonly rng: Rng;
  newUid(): string;
  get<R extends ResourceName>(resource: R, namespace: string | undefined, name: string): ResourceTypes[R] | undefined;
  list<R extends ResourceName>(resource: R, namespace?: string): ResourceTypes[R][];
  readonly serviceAllocators: ServiceAllocators;
}

/** Every request names its object; cluster-scoped kinds leave namespace out or empty. */
export interface NamedRequest {
  name: string;
  namespace?: string;
}

/**
 * One kind. `R` is its resource (`'pods'`), `Req` the decoded request its create and update take
 * (what the client sent, before defaulting). Kinds clients may not write (Nodes, Events,
 * EndpointSlices: made by the cluster itself) leave decode/create/update out; the server then
 * refuses them as Flatnet's honest "not modelled".
 */
export interface KindRegistry<R extends ResourceName, Req extends NamedRequest = NamedRequest> {
  readonly info: ResourceInfo & { resource: R };

  /** The fields a manifest may carry, for strict decoding's `unknown field "spec.x"` (kubectl sends fieldValidation=Strict). */
  readonly fields?: FieldTree;
  /**
   * A manifest object (JSON as the client sent it) to the request, refusing values of the wrong
   * JSON type with encoding/json's text by throwing `TypeMismatch` (cluster/registry/decode.ts).
   * `namespace` is the one the request is for ('' for cluster-scoped kinds).
   */
  decode?(body: Record<string, unknown>, namespace: string): Req;
  /** Defaulting and validation on create (PrepareForCreate, Validate): the object to store, or throws `invalid(...)`. */
  create?(req: Req, ctx: RegistryContext): ResourceTypes[R];
  /**
   * An update (apply, edit, patch): ValidateUpdate's immutability rules, then the request's
   * content written onto `old` in place (the stored object keeps its identity, uid and creation
   * time; the server bumps its resourceVersion). Throws `invalid(...)` and leaves `old` as it was.
   */
  update?(old: ResourceTypes[R], req: Req, ctx: RegistryContext): void;
  /** What the request would look like for an object already stored (a patch starts from it). */
  requestOf?(obj: ResourceTypes[R]): Req;
  /** Deleting these is not modelled (a Namespace's finalization, a Node's drain, controller-owned Endpoints): kubectl says so. */
  readonly undeletable?: true;
  /** Storage cleanup after a delete (a Service's allocations go back to their pools). */
  afterDelete?(obj: ResourceTypes[R], ctx: RegistryContext): void;

  /** The server-side Table: every column, and one row's cells for all of them (kubectl drops priority-1 columns unless -o wide). */
  readonly columns: readonly TableColumn[];
  cells(obj: ResourceTypes[R], options: TableCellOptions): string[];
  /** Fields `--field-selector` may use besides metadata.name and metadata.namespace (the kind's field label conversion). */
  readonly selectableFields?: readonly string[];
}

/** Any kind's registry, as the generic server holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKindRegistry = KindRegistry<ResourceName, any>;

/** Shorthand for column lists: names, then the ones only -o wide shows. */
export function columns(always: readonly string[], wide: readonly string[] = []): TableColumn[] {
  return [...always.map((name) => ({ name, priority: 0 as const })), ...wide.map((name) => ({ name, priority: 1 as const }))];
}
