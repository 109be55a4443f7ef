// Waiting on pods the way kubectl's waits feel: sleep on the simulated clock from one lifecycle
// event of those pods to the next (no polling), until a condition holds, the deadline passes, or
// the learner presses Ctrl-C.

import type { CommandContext } from '../../command-types';

/** Whether `done()` held when the wait ended (false at the deadline or on Ctrl-C unless it held by then). */
export async function waitForPods(ctx: CommandContext, namespace: string, names: ReadonlySet<string>, done: () => boolean, timeoutMs: number): Promise<boolean> {
  const { cluster } = ctx;
  const deadline = cluster.now() + timeoutMs;
  while (!done()) {
    const next = cluster.nextEventAt((ns, name) => ns === namespace && names.has(name));
    if (next === undefined || next > deadline) {
      await ctx.sleep(Math.max(0, deadline - cluster.now()));
      return done();
    }
    const want = Math.max(0, next - cluster.now());
    const slept = await ctx.sleep(want);
    if (slept < want) return done();
  }
  return true;
}
