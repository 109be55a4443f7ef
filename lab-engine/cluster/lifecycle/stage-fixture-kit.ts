// Before/after fixtures for lifecycle stages, in the style of kwok's stage testdata
// (kustomize/stage/pod/general/testdata/*.input.yaml and *.output.yaml): one pod and the little
// world the stage reads (nodes, the node's IP range and image cache, the PRNG state), the stage
// expected to fire and when, and the runtime record, the pod and the events after it fired.
// The pod after is written as a JSON merge patch (RFC 7386) over the pod before, so a fixture
// shows what the stage changed; applying it gives the whole object, key order included.
// The kit only builds and reads that world; the test hands it the engine that fires the stage.

import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import { createRng } from '../../core/random';
import type { Event, Node, Pod } from '../../kube/types';
import { EventRecorder } from '../event-recorder';
import { HostLocalIpam, type NodeRange } from '../host-local-ipam';
import { ObjectStore, type StoreState } from '../object-store';
import type { LifecycleContext, PodRuntime } from './pod-lifecycle';

/** A runtime record as a fixture writes it: `since` as an ISO time with milliseconds. */
export interface FixtureRuntime extends Omit<PodRuntime, 'since'> {
  since: string;
}

export interface FixtureEvent {
  type: string;
  reason: string;
  /** The recorder: `kubelet node-1`, or the scheduler with its action. */
  from: string;
  /** The container's fieldPath, or `pod`. */
  about: string;
  message: string;
  count?: number;
}

export interface StageFixture {
  /** The stage expected to fire. */
  stage: string;
  /** When it fires (ISO, milliseconds). */
  at: string;
  /** The seeded PRNG's state when it fires (core/random), for the scheduler's tie-break and container IDs. */
  rng: number;
  context: {
    nodes?: Node[];
    ipam?: Record<string, NodeRange>;
    imageCache?: Record<string, string[]>;
  };
  before: { runtime: FixtureRuntime; pod: Pod };
  after: {
    runtime: FixtureRuntime | null;
    /** The pod after, as a merge patch over `before.pod`; absent when the stage deleted it. */
    patch?: Record<string, unknown>;
    deleted?: true;
    /** The parts of `context` the stage changed (an IP handed out or given back, an image cached). */
    context?: StageFixture['context'];
    events: FixtureEvent[];
  };
}

/** What the engine under test reports after firing the one due stage. */
export interface Fired {
  at: number;
  stage: string;
}

export type FireOne = (ctx: LifecycleContext, runtime: Record<string, PodRuntime>) => Fired | undefined;

export function readFixture(file: string): { header: string; fixture: StageFixture } {
  const text = readFileSync(file, 'utf8');
  const header = text.split('\n').filter((line) => line.startsWith('#')).join('\n');
  return { header, fixture: parse(text) as StageFixture };
}

export function renderFixture(header: string, fixture: StageFixture): string {
  return `${header}\n${stringify(fixture, { lineWidth: 0 })}`;
}

export function writeFixture(file: string, header: string, fixture: StageFixture): void {
  writeFileSync(file, renderFixture(header, fixture));
}

/**
 * Builds the fixture's world, fires the one stage due for its pod and returns the fixture with
 * `after` (and `stage`, `at`) as this engine produced them.
 */
export function replay(input: Omit<StageFixture, 'after' | 'stage' | 'at'>, fire: FireOne): StageFixture {
  const pod = clone(input.before.pod);
  const objects = { nodes: clone(input.context.nodes ?? []), pods: [pod] } as unknown as StoreState['objects'];
  const store = new ObjectStore({ resourceVersion: Number(pod.metadata.resourceVersion), objects });
  const ctx: LifecycleContext = {
    store,
    ipam: new HostLocalIpam(clone(input.context.ipam ?? {})),
    rng: createRng(input.rng),
    imageCache: clone(input.context.imageCache ?? {}),
    events: new EventRecorder(store),
  };
  const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const runtime: Record<string, PodRuntime> = { [key]: runtimeOf(input.before.runtime) };
  const fired = fire(ctx, runtime);
  if (!fired) throw new Error(`no stage is due for ${key}`);
  const after = store.get('pods', pod.metadata.namespace, pod.metadata.name);
  const rt = runtime[key];
  return {
    stage: fired.stage,
    at: new Date(fired.at).toISOString(),
    rng: input.rng,
    context: input.context,
    before: input.before,
    after: {
      runtime: after && rt ? fixtureRuntime(rt) : null,
      ...(after ? { patch: (mergePatch(input.before.pod, clone(after)) ?? {}) as Record<string, unknown> } : { deleted: true as const }),
      ...changedContext(input.context, ctx),
      events: store.list('events').map(fixtureEvent),
    },
  };
}

/** The pod a fixture says the stage leaves: its merge patch applied to the pod before. */
export function podAfter(fixture: StageFixture): Pod | undefined {
  if (fixture.after.deleted) return undefined;
  return applyMergePatch(clone(fixture.before.pod), fixture.after.patch ?? {}) as Pod;
}

function changedContext(before: StageFixture['context'], ctx: LifecycleContext): { context?: StageFixture['context'] } {
  const changed: StageFixture['context'] = {};
  const ipam = ctx.ipam.toJSON();
  for (const node of Object.keys(before.ipam ?? {})) {
    if (JSON.stringify(ipam[node]) !== JSON.stringify(before.ipam![node])) (changed.ipam ??= {})[node] = clone(ipam[node]);
  }
  for (const node of Object.keys(before.imageCache ?? {})) {
    if (JSON.stringify(ctx.imageCache[node]) !== JSON.stringify(before.imageCache![node])) (changed.imageCache ??= {})[node] = clone(ctx.imageCache[node]);
  }
  return Object.keys(changed).length ? { context: changed } : {};
}

export function runtimeOf(rt: FixtureRuntime): PodRuntime {
  return { ...rt, since: Date.parse(rt.since) };
}

export function fixtureRuntime(rt: PodRuntime): FixtureRuntime {
  return { ...rt, since: new Date(rt.since).toISOString() };
}

function fixtureEvent(e: Event): FixtureEvent {
  const from = e.action ? `${e.reportingComponent} (${e.action})` : [e.source.component, e.source.host].filter(Boolean).join(' ');
  const count = e.count ?? e.series?.count ?? 1;
  return { type: e.type, reason: e.reason, from, about: e.involvedObject.fieldPath ?? 'pod', message: e.message, ...(count > 1 ? { count } : {}) };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386: what to merge into `before` to get `after` (arrays whole, null deletes); undefined when equal. Keys follow `after`'s order. */
export function mergePatch(before: unknown, after: unknown): unknown {
  if (isObject(before) && isObject(after)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(after)) {
      const diff = key in before ? mergePatch(before[key], value) : value;
      if (diff !== undefined) out[key] = diff;
    }
    for (const key of Object.keys(before)) if (!(key in after)) out[key] = null;
    return Object.keys(out).length ? out : undefined;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? undefined : after;
}

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const out: Record<string, unknown> = isObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
