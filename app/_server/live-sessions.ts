// Lets route handlers stop the gateway's live session for an attempt (the lab's Reset) or follow
// its output read-only (the live replay of an attempt). The
// gateway runs in this same Node process, started by server.ts, but Next bundles route handlers
// separately from the custom server: a module variable set by server.ts is not the one a route
// handler's bundled copy of this module reads. So the handle sits on globalThis, under one
// registered symbol, and this module is the only code that touches it.

import type { LiveSessions, OutputWatcher } from '../../lab-engine/gateway';

const KEY = Symbol.for('flatnet.live-sessions');

type Holder = typeof globalThis & { [KEY]?: LiveSessions };

/** Called once by the server entry after it started the gateway. */
export function registerLiveSessions(sessions: LiveSessions): void {
  (globalThis as Holder)[KEY] = sessions;
}

/** Stops an attempt's live terminal session, if this process runs one (`next build` and tests run none). */
export async function stopLiveSession(attemptId: string): Promise<void> {
  await (globalThis as Holder)[KEY]?.stop(attemptId);
}

/**
 * Follows an attempt's live terminal output read-only, if this process runs its session: returns
 * the way to stop, or null when there is no session (the caller falls back to polling recordings).
 */
export function watchLiveSession(attemptId: string, watcher: OutputWatcher): (() => void) | null {
  return (globalThis as Holder)[KEY]?.watch(attemptId, watcher) ?? null;
}
