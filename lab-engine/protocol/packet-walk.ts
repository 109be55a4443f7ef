// A packet walk as it travels to a browser that draws it: under a failed reachability check
// (check-result.ts), or on its own when the learner runs `trace` in the terminal. Either way it
// is bounded (dataplane/packet/packet-trace.ts cuts long lists) and dropped rather than sent when
// it would still be too big, and its reader keeps out what is not a walk at all.

import { boundPacketTrace, type PacketTrace } from '../dataplane/packet/packet-trace';
import type { ShownWalk } from '../shell/contexts/location';
import { isFiniteNumber, isRecord, isString, type JsonRecord } from './json-guards';

export type { PacketTrace } from '../dataplane/packet/packet-trace';

/** The most a trace may weigh as JSON; the bounds keep a real walk far below it. */
export const MAX_TRACE_JSON_BYTES = 64 * 1024;
/** The most hops a trace on the wire may hold (the bounds keep at most 48). */
export const MAX_TRACE_HOPS = 64;

/** The fields of a `trace` the learner typed, the same on the control channel and the terminal socket. */
export interface WalkFields {
  /** The ends as `trace` printed them: `pod default/client (10.244.1.2)`, `svc default/web (10.96.4.7:80)`. */
  source: string;
  destination: string;
  trace: PacketTrace;
}

/** The trace bounded for the wire, or undefined when even bounded it is too big to send. */
export function wireTrace(trace: PacketTrace): PacketTrace | undefined {
  const bounded = boundPacketTrace(trace);
  return new TextEncoder().encode(JSON.stringify(bounded)).length <= MAX_TRACE_JSON_BYTES ? bounded : undefined;
}

export function toWalkFields(walk: ShownWalk): WalkFields | undefined {
  const trace = wireTrace(walk.trace);
  return trace && { source: walk.source, destination: walk.destination, trace };
}

export function hasWalkFields(message: JsonRecord): boolean {
  return isString(message.source) && isString(message.destination) && isPacketTraceShape(message.trace);
}

/**
 * The outline of a trace: hops that each say where and what kind, an outcome with a kind, and a
 * decided-at index inside the hops. A drawing reads the fields of each kind defensively; this
 * keeps out what is not a trace at all, and oversized ones.
 */
export function isPacketTraceShape(value: unknown): value is PacketTrace {
  if (!isRecord(value) || !isRecord(value.probe) || !isRecord(value.outcome) || !isString(value.outcome.kind) || typeof value.replied !== 'boolean') return false;
  const hops = value.hops;
  if (!Array.isArray(hops) || hops.length > MAX_TRACE_HOPS) return false;
  if (!hops.every((h) => isRecord(h) && isString(h.kind) && isString(h.netns) && isRecord(h.headers))) return false;
  return value.decidedAt === undefined || (isFiniteNumber(value.decidedAt) && Number.isInteger(value.decidedAt) && value.decidedAt >= 0 && value.decidedAt < hops.length);
}
