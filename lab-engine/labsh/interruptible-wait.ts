// Real waiting for an interactive shell (`sleep 5`, `kubectl delete` waiting for a pod to go),
// cut short by Ctrl-C. Scripted runs never use this: there the simulation only moves its clock.

export class InterruptibleWait {
  private cancel: (() => void) | null = null;

  /** Waits up to `ms` of wall time; resolves with how long it really waited. */
  sleep = (ms: number): Promise<number> =>
    new Promise((resolve) => {
      const started = Date.now();
      const timer = setTimeout(() => finish(), ms);
      const finish = () => {
        clearTimeout(timer);
        this.cancel = null;
        resolve(Math.min(ms, Date.now() - started));
      };
      this.cancel = finish;
    });

  /** Ends the current wait, if any; returns whether there was one. */
  interrupt(): boolean {
    if (!this.cancel) return false;
    this.cancel();
    return true;
  }
}
