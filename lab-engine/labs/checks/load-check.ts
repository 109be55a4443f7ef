// Grades a `load` check: a simulated load generator. On an isolated copy of the world (what a
// `command` check runs in: nothing reaches the learner's cluster), it runs `during` (say
// `kubectl rollout restart`), then sends `rate` GETs a second for `seconds` of simulated time,
// stepping the copy's clock before each one so the lifecycle stages, probes, endpoint updates
// and kube-proxy's syncs move on between requests. Each request takes the same dataplane path as
// the `http` check and curl. A request fails when nothing answers (a refused connection, a drop)
// or the answer is a 5xx (an ingress controller's 502). The verdict names how many failed, how,
// when (seconds into the window) and which pod was behind each failure. `samePodPerClient` asks
// that every answer come from one pod, as a session held in one pod's memory needs (a Service's
// `sessionAffinity: ClientIP`); each request is a new connection, so only affinity keeps it there.

import type { Simulation } from '../../simulation/contract';
import type { HttpProbeResult } from '../../dataplane/apps/http-probe-types';
import { feedback } from '../feedback';
import type { HttpCheck, LoadCheck } from '../schema';
import type { CheckOutcome } from './resource-check';
import { sourceOf } from './http-check';
import { httpTargetsOf } from './http-targets';
import { excerptOf } from './shell-place';

/** Failure kinds listed in feedback, most frequent first; the rest are counted, not named. */
const MAX_FAILURE_KINDS = 3;

interface Tally {
  sent: number;
  failed: number;
  firstFailMs?: number;
  lastFailMs?: number;
  /** Failure text → how many, in order of first seen. */
  failures: Map<string, number>;
  /** Backend pod → answered requests. */
  answeredBy: Map<string, number>;
  /** Answers that came from another pod than the answer before them; the first such move. */
  moves: number;
  firstMove?: { atMs: number; from: string; to: string };
}

export async function gradeLoadCheck(check: LoadCheck, sim: Simulation): Promise<CheckOutcome> {
  const world = sim.isolatedCopy();
  if (check.during !== undefined) {
    const ran = await runDuring(world, check.during);
    if (ran) return ran;
  }
  const source = sourceOf(check, world);
  if ('error' in source) return source.outcome;
  // Where an http check with the same `to` would dial: one target form for every check that sends HTTP.
  const asHttp: HttpCheck = { id: check.id, title: check.title, initially: check.initially, kind: 'http', from: check.from, to: check.to, scheme: 'http', path: check.path, expect: { status: 200 } };
  const resolved = httpTargetsOf(asHttp, world);
  if ('error' in resolved) {
    const message = resolved.error;
    if (resolved.authoring) return { passed: false, reason: message, ...feedback('check.error', { message }) };
    return { passed: false, reason: message, ...feedback('http.no_target', { from: source.label, message }) };
  }
  const target = resolved.targets[0]!;
  const host = check.host ?? (target.port === 80 ? target.ip : `${target.ip}:${target.port}`);
  const run = { from: source.label, url: `http://${host}${check.path}`, ...(check.rate !== undefined ? { rate: check.rate } : { everySeconds: check.everySeconds ?? 1 }), seconds: check.seconds, ...(check.during !== undefined ? { during: check.during } : {}) };
  const tally = sendLoad(world, check, (connection) => world.httpGet({ from: source.from, dst: target.ip, port: target.port, host, path: check.path, connection }), world.now());
  const pods = podsText(tally);
  const { maxFailed, minShareEachPod } = check.expect;
  if (maxFailed !== undefined && tally.failed > maxFailed) {
    const reason = `${tally.failed} of ${tally.sent} failed`;
    return {
      passed: false,
      reason,
      ...feedback('load.failed', { ...run, sent: tally.sent, failed: tally.failed, maxFailed, firstSecond: Math.floor((tally.firstFailMs ?? 0) / 1000), lastSecond: Math.floor((tally.lastFailMs ?? 0) / 1000), failures: failuresText(tally) }),
    };
  }
  if (minShareEachPod !== undefined) {
    const answered = [...tally.answeredBy.values()].reduce((a, b) => a + b, 0);
    const lowest = [...tally.answeredBy.entries()].sort((a, b) => a[1] - b[1])[0];
    const share = lowest && answered ? Math.floor((lowest[1] * 100) / answered) : 0;
    if (!lowest || share < minShareEachPod) {
      return { passed: false, reason: pods, ...feedback('load.uneven', { ...run, sent: tally.sent, pod: lowest?.[0] ?? 'none', share, minShare: minShareEachPod, pods }) };
    }
  }
  for (const want of check.expect.shares ?? []) {
    const out = shareOutOfRange(world, tally, want);
    if (out) return { passed: false, reason: `${out.selector}: ${out.share}%`, ...feedback('load.share_out_of_range', { ...run, ...out, min: want.min, max: want.max, pods }) };
  }
  if (check.expect.samePodPerClient && tally.firstMove) {
    const move = tally.firstMove;
    return { passed: false, reason: pods, ...feedback('load.client_moved', { ...run, sent: tally.sent, moves: tally.moves, second: Math.floor(move.atMs / 1000), fromPod: move.from, toPod: move.to, pods }) };
  }
  if (check.rollout) {
    const namespace = check.rollout.namespace ?? 'default';
    const status = rolloutStatus(world, namespace, check.rollout.deployment);
    if (status !== undefined) return { passed: false, reason: status, ...feedback('load.rollout_incomplete', { ...run, deployment: `${namespace}/${check.rollout.deployment}`, status }) };
  }
  return { passed: true, reason: `${tally.sent} sent, ${tally.failed} failed`, ...feedback('load.ok', { ...run, sent: tally.sent, pods }) };
}

/** Runs `during` in the copy; a failure (the Deployment is gone, a typo in the lab) is the check's outcome. */
async function runDuring(world: Simulation, line: string): Promise<CheckOutcome | undefined> {
  const result = await world.exec(line);
  if (result.exitCode === 0) return undefined;
  const excerpt = excerptOf(result.stdout + result.stderr);
  return { passed: false, reason: `exit status ${result.exitCode}`, ...feedback('command.wrong_exit_code', { where: 'the workstation', run: line, exitCode: result.exitCode, expected: 0, excerpt }) };
}

/** The load itself: request i goes at start + i/rate seconds, after the copy's clock has moved there. */
export function sendLoad(world: Simulation, check: Pick<LoadCheck, 'rate' | 'everySeconds' | 'seconds'>, send: (connection: number) => HttpProbeResult, startMs: number): Tally {
  const tally: Tally = { sent: 0, failed: 0, failures: new Map(), answeredBy: new Map(), moves: 0 };
  const { total, gapMs } = paceOf(check);
  let previous: string | undefined;
  for (let i = 0; i < total; i++) {
    const at = startMs + Math.floor(i * gapMs);
    world.advanceTo(at);
    const result = send(i + 1);
    tally.sent++;
    const failure = failureOf(result);
    if (failure === undefined) {
      const backend = result.kind === 'response' ? (result.backend ?? 'the ingress controller') : 'unknown';
      tally.answeredBy.set(backend, (tally.answeredBy.get(backend) ?? 0) + 1);
      if (previous !== undefined && previous !== backend) {
        tally.moves++;
        tally.firstMove ??= { atMs: at - startMs, from: previous, to: backend };
      }
      previous = backend;
      continue;
    }
    tally.failed++;
    tally.firstFailMs ??= at - startMs;
    tally.lastFailMs = at - startMs;
    tally.failures.set(failure, (tally.failures.get(failure) ?? 0) + 1);
  }
  // The window's end: whatever the rollout reached by then is what the check reads.
  world.advanceTo(startMs + check.seconds * 1000);
  return tally;
}

/** How many requests, and how far apart: `rate` a second, or one every `everySeconds`. */
function paceOf(check: Pick<LoadCheck, 'rate' | 'everySeconds' | 'seconds'>): { total: number; gapMs: number } {
  if (check.rate !== undefined) return { total: check.rate * check.seconds, gapMs: 1000 / check.rate };
  const every = check.everySeconds ?? 1;
  return { total: Math.max(1, Math.floor(check.seconds / every)), gapMs: every * 1000 };
}

/** Why a request failed, as one line that groups alike failures; undefined when it was answered below 500. */
function failureOf(result: HttpProbeResult): string | undefined {
  if (result.kind === 'no-response') return result.refused ? result.reason : `no answer: ${result.reason}`;
  if (result.status < 500) return undefined;
  return `${result.status}${result.servedBy.length ? ` (${result.servedBy.join('; ')})` : ''}`;
}

function failuresText(tally: Tally): string {
  const kinds = [...tally.failures.entries()];
  const shown = kinds.slice(0, MAX_FAILURE_KINDS).map(([text, n]) => `${n} × ${text}`);
  const rest = kinds.slice(MAX_FAILURE_KINDS).reduce((sum, [, n]) => sum + n, 0);
  return shown.join('; ') + (rest ? `; and ${rest} more, of ${kinds.length - MAX_FAILURE_KINDS} other kind${kinds.length - MAX_FAILURE_KINDS === 1 ? '' : 's'}` : '');
}

function podsText(tally: Tally): string {
  const entries = [...tally.answeredBy.entries()];
  return entries.length ? entries.map(([pod, n]) => `${pod}: ${n}`).join(', ') : 'no pod answered';
}

/** Undefined when the rollout is complete (as `kubectl rollout status` says "successfully rolled out"), else where it stands. */
function rolloutStatus(world: Simulation, namespace: string, name: string): string | undefined {
  const d = world.view().get('deployments', namespace, name);
  if (!d) return `there is no deployment ${namespace}/${name}`;
  const want = d.spec.replicas ?? 1;
  const s = d.status ?? {};
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const total = s.replicas ?? 0;
  if ((s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) && updated >= want && total === updated && available >= want) return undefined;
  if (updated < want) return `${updated} out of ${want} new replicas have been updated`;
  if (total > updated) return `${total - updated} old replicas are pending termination`;
  return `${available} of ${updated} updated replicas are available`;
}

type ShareWant = NonNullable<LoadCheck['expect']['shares']>[number];

/** The share of answered requests the selected pods gave, when it falls outside [min, max]. */
function shareOutOfRange(world: Simulation, tally: Tally, want: ShareWant): { selector: string; share: number; answered: number } | undefined {
  const namespace = want.namespace ?? 'default';
  const picked = new Set(
    world
      .view()
      .list('pods', namespace)
      .filter((p) => Object.entries(want.selector).every(([k, v]) => p.metadata.labels?.[k] === v))
      .map((p) => `${namespace}/${p.metadata.name}`),
  );
  const answered = [...tally.answeredBy.values()].reduce((a, b) => a + b, 0);
  const mine = [...tally.answeredBy.entries()].filter(([pod]) => picked.has(pod)).reduce((a, [, n]) => a + n, 0);
  const share = answered ? Math.round((mine * 1000) / answered) / 10 : 0;
  if (answered > 0 && share >= want.min && share <= want.max) return undefined;
  return { selector: `${Object.entries(want.selector).map(([k, v]) => `${k}=${v}`).join(',')} in ${namespace}`, share, answered };
}
