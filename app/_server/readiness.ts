// Whether this server should be sent new learners (`/readyz`, ops-endpoints.ts): not while it is
// draining (SIGTERM received: its sessions are being saved and its terminals closed) and not while
// its database does not answer. `/healthz` says only that the process serves; a load balancer or a
// Kubernetes readiness probe reads this one. The database is asked at most once a second however
// often the probe comes (a probe must not become load), and an answer slower than the probe's
// patience counts as none.

export type ReadinessVerdict = { ready: true } | { ready: false; reason: 'draining' | 'database' };

export interface ReadinessOptions {
  /** A cheap query against the database; rejects (or never settles) when it cannot answer. */
  pingDatabase: () => Promise<unknown>;
  /** How long a database answer is reused. */
  cacheMs?: number;
  /** How long the ping may take before the database counts as down. */
  timeoutMs?: number;
  now?: () => number;
}

export class Readiness {
  private draining = false;
  private lastPing: { at: number; ok: Promise<boolean> } | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ReadinessOptions) {
    this.now = options.now ?? Date.now;
  }

  /** From now on the answer is "draining", whatever the database says. */
  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  async verdict(): Promise<ReadinessVerdict> {
    if (this.draining) return { ready: false, reason: 'draining' };
    const ok = await this.databaseAnswers();
    // Draining may have begun while the database was asked.
    if (this.draining) return { ready: false, reason: 'draining' };
    return ok ? { ready: true } : { ready: false, reason: 'database' };
  }

  private databaseAnswers(): Promise<boolean> {
    const now = this.now();
    if (this.lastPing && now - this.lastPing.at < (this.options.cacheMs ?? 1000)) return this.lastPing.ok;
    const timeoutMs = this.options.timeoutMs ?? 2000;
    const ok = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref?.();
      Promise.resolve()
        .then(() => this.options.pingDatabase())
        .then(
          () => resolve(true),
          () => resolve(false),
        )
        .finally(() => clearTimeout(timer));
    });
    this.lastPing = { at: now, ok };
    return ok;
  }
}
