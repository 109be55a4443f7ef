// A test hook: hold every frame the terminal socket sends to the browser back by a fixed delay,
// so an end-to-end test can see the page's predictive local echo (app/_components/terminal-
// typeahead.ts) against a slow link. Read from the server's environment only, never from a request,
// and only when the test flag is set as well (FLATNET_TEST_HOOKS=1) or outside production: a
// browser cannot turn it on, and a production server ignores a stray variable.

/** Longest delay a test may ask for. */
const MAX_TEST_ECHO_DELAY_MS = 2000;

export function testEchoDelayFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FLATNET_TEST_ECHO_DELAY_MS;
  if (!raw) return 0;
  if (env.NODE_ENV === 'production' && env.FLATNET_TEST_HOOKS !== '1') return 0;
  const ms = Number(raw);
  return Number.isInteger(ms) && ms > 0 ? Math.min(ms, MAX_TEST_ECHO_DELAY_MS) : 0;
}

/**
 * Wraps a send so each call happens `delayMs` later, in order (equal delays keep the order of
 * output and events). A zero delay returns the send itself.
 */
export function delayed<A extends unknown[]>(delayMs: number, send: (...args: A) => void): (...args: A) => void {
  if (delayMs <= 0) return send;
  return (...args: A) => {
    setTimeout(() => send(...args), delayMs);
  };
}
