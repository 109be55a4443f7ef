// Owns every live lab session in this gateway: one per attempt, created on first attach,
// shared by every tab of that attempt, reaped when idle, all disposed in one place on shutdown.

import type { AttemptRef } from './ports';
import { LabSession, type LabSessionDeps } from './lab-session';

export class SessionManager {
  private readonly sessions = new Map<string, LabSession>();
  private readonly starting = new Map<string, Promise<LabSession>>();

  constructor(private readonly deps: LabSessionDeps) {}

  /** The live session for an attempt, started (from its last snapshot, if any) when there is none. */
  async sessionFor(attempt: AttemptRef): Promise<LabSession> {
    const live = this.sessions.get(attempt.id);
    if (live) return live;
    const pending = this.starting.get(attempt.id);
    if (pending) return pending;
    const promise = (async () => {
      const session = new LabSession(attempt, this.deps, (idle) => void this.reap(idle));
      await session.start();
      this.sessions.set(attempt.id, session);
      return session;
    })();
    this.starting.set(attempt.id, promise);
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

  /** Stops an attempt's session (e.g. on Reset) after saving its snapshot. */
  async stop(attemptId: string): Promise<void> {
    const session = this.sessions.get(attemptId);
    if (!session) return;
    this.sessions.delete(attemptId);
    await session.dispose();
  }

  private async reap(session: LabSession): Promise<void> {
    if (session.clientCount > 0) return;
    this.deps.log(`reaping idle session for attempt ${session.attempt.id}`);
    await this.stop(session.attempt.id);
  }

  async shutdown(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.dispose()));
  }
}
