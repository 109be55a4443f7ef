// Owns every live lab session in this gateway: one per attempt, created on first attach,
// shared by every tab of that attempt, reaped when idle, all disposed in one place on shutdown.
// It also admits new sessions (admission.ts): a user at their cap gives up their oldest idle
// session, and a full machine refuses with AdmissionRefusedError rather than run out of memory.

import type { AttemptRef, LiveSessions, OutputWatcher } from './ports';
import { LabSession, type LabSessionDeps } from './lab-session';
import { AdmissionRefusedError, decideAdmission, type AdmissionLimits, type SessionFacts } from './admission';
import { GATEWAY_LIMITS } from './gateway-limits';
import { OutputRecorder } from './output-recorder';

export interface SessionManagerOptions {
  limits?: AdmissionLimits;
  /** The clock that orders idle sessions for reaping; tests inject one. */
  now?: () => number;
}

export class SessionManager implements LiveSessions {
  private readonly sessions = new Map<string, LabSession>();
  private readonly starting = new Map<string, { promise: Promise<LabSession>; userId: string }>();
  private readonly lastAttachAt = new Map<string, number>();
  private readonly limits: AdmissionLimits;
  private readonly now: () => number;
  private readonly deps: LabSessionDeps;

  constructor(deps: Omit<LabSessionDeps, 'recorder'>, options: SessionManagerOptions = {}) {
    const recorder = new OutputRecorder({
      store: deps.store,
      log: deps.log,
      flushMs: GATEWAY_LIMITS.recordingFlushMs,
      flushBytes: GATEWAY_LIMITS.recordingFlushBytes,
    });
    this.deps = { ...deps, recorder };
    this.limits = options.limits ?? {
      maxSessions: GATEWAY_LIMITS.maxSessions,
      maxSessionsPerUser: GATEWAY_LIMITS.maxSessionsPerUser,
    };
    this.now = options.now ?? Date.now;
  }

  /**
   * The live session for an attempt, started (from its last snapshot, if any) when there is none
   * and admission allows; throws AdmissionRefusedError when it does not.
   */
  async sessionFor(attempt: AttemptRef): Promise<LabSession> {
    const live = this.sessions.get(attempt.id);
    if (live) {
      this.lastAttachAt.set(attempt.id, this.now());
      return live;
    }
    const pending = this.starting.get(attempt.id);
    if (pending) return pending.promise;
    const decision = decideAdmission(attempt.userId, this.facts(), this.limits);
    if (decision.kind === 'refuse') {
      this.deps.log(`refused a session for attempt ${attempt.id}: ${decision.reason} (${decision.running} of ${decision.limit})`);
      throw new AdmissionRefusedError(decision.reason, decision.running, decision.limit);
    }
    // Victims leave the map now, synchronously, so a concurrent admission counts them gone.
    const reaping = decision.reap.map((id) => {
      this.deps.log(`reaping idle session for attempt ${id} to admit attempt ${attempt.id}`);
      return this.stop(id);
    });
    const promise = (async () => {
      await Promise.all(reaping);
      const session = new LabSession(attempt, this.deps, (idle) => void this.reap(idle));
      await session.start();
      this.sessions.set(attempt.id, session);
      this.lastAttachAt.set(attempt.id, this.now());
      return session;
    })();
    this.starting.set(attempt.id, { promise, userId: attempt.userId });
    try {
      return await promise;
    } finally {
      this.starting.delete(attempt.id);
    }
  }

  get(attemptId: string): LabSession | undefined {
    return this.sessions.get(attemptId);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Follows an attempt's running session read-only; null when none runs (watching never starts one). */
  watch(attemptId: string, watcher: OutputWatcher): (() => void) | null {
    return this.sessions.get(attemptId)?.watch(watcher) ?? null;
  }

  /** Stops an attempt's session (e.g. on Reset) after saving its snapshot. */
  async stop(attemptId: string): Promise<void> {
    const session = this.sessions.get(attemptId);
    if (!session) return;
    this.sessions.delete(attemptId);
    this.lastAttachAt.delete(attemptId);
    await session.dispose();
  }

  /** Running and starting sessions as admission sees them; a starting one is never idle. */
  private facts(): SessionFacts[] {
    const running = [...this.sessions.values()].map((s) => ({
      attemptId: s.attempt.id,
      userId: s.attempt.userId,
      clientCount: s.clientCount,
      lastAttachAt: this.lastAttachAt.get(s.attempt.id) ?? 0,
    }));
    const starting = [...this.starting].map(([attemptId, { userId }]) => ({ attemptId, userId, clientCount: 1, lastAttachAt: this.now() }));
    return [...running, ...starting];
  }

  private async reap(session: LabSession): Promise<void> {
    if (session.clientCount > 0) return;
    this.deps.log(`reaping idle session for attempt ${session.attempt.id}`);
    await this.stop(session.attempt.id);
  }

  async shutdown(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    this.lastAttachAt.clear();
    await Promise.all(all.map((s) => s.dispose({ freshSnapshot: true })));
    // What the sessions printed last (the "session has ended" line among it) still reaches the replay.
    await this.deps.recorder.close();
  }
}
