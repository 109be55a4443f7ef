// Lets route handlers reach the gateway's SessionManager, which lives in the same Node process
// (lab-engine/gateway/server.ts registers it). Next bundles route handlers separately from the
// custom server, so the handle is kept on globalThis rather than in a module variable.

interface LiveSessions {
  stop(attemptId: string): Promise<void>;
}

const KEY = Symbol.for('flatnet.live-sessions');

export function registerSessionManager(sessions: LiveSessions): void {
  (globalThis as Record<symbol, unknown>)[KEY] = sessions;
}

/** Stops an attempt's live terminal session, if this process runs one. */
export async function stopLiveSession(attemptId: string): Promise<void> {
  const sessions = (globalThis as Record<symbol, unknown>)[KEY] as LiveSessions | undefined;
  await sessions?.stop(attemptId);
}
