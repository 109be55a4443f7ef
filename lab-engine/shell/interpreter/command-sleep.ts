// The one way a command waits (`ctx.sleep`): rollout status, get -w, kubectl wait and delete,
// curl's timeouts and retries, dig/nslookup/host, openssl s_client, nc, ping, sleep and watch all
// come through here. A wait lets simulated time pass and ends early for one reason only: the
// command's own Ctrl-C (its AbortSignal: the input's, or a background job's for `kill` and `fg`).
// Commands read a short answer as "interrupted" and exit 130, so it must never be short for any
// other reason. Issue 13: the REPL's host measured a 300 ms timer with Date.now as 299 ms, and
// `kubectl rollout status` exited 130 with nobody pressing Ctrl-C.

import { MAX_SLEEP_MS } from '../../core/limits';
import type { InterpreterServices } from './shell-state';

/** Resolves with the simulated ms that passed: all of `ms`, or fewer only after a Ctrl-C. */
export async function sleepOnClock(host: InterpreterServices['sleep'], ms: number, signal: AbortSignal): Promise<number> {
  let wanted = ms > 0 ? ms : 0;
  if (!Number.isFinite(wanted)) wanted = MAX_SLEEP_MS;
  let slept = 0;
  // A Ctrl-C pressed while the command was busy between two waits must still end the next one.
  while (slept < wanted && !signal.aborted) {
    // The host waits at most MAX_SLEEP_MS at once; a longer timeout (`--timeout=48h`) is several waits.
    const chunk = Math.min(wanted - slept, MAX_SLEEP_MS);
    const waited = Math.min(await host(chunk, signal), chunk);
    slept += waited;
    // A host may cut a wait short only on a Ctrl-C it saw itself (SimulationHooks.sleep's contract).
    if (waited < chunk) break;
  }
  return slept;
}
