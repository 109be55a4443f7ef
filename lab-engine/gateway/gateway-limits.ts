// The gateway's limits in one place: what a session may hold, how long it may sit idle and how
// many sessions the machine and each user may run.

const env = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const GATEWAY_LIMITS = {
  /** A session with no terminal attached is snapshotted and stopped after this long (FLATNET_IDLE_MS). */
  idleReapMs: env('FLATNET_IDLE_MS', 30 * 60 * 1000),
  /** Screen output kept to replay to a terminal that (re)attaches. */
  scrollbackBytes: 128 * 1024,
  /** Pause the pty when a browser has this much unsent output; resume below the low mark. */
  highWatermarkBytes: 1024 * 1024,
  lowWatermarkBytes: 128 * 1024,
  /** One WebSocket input message; a bigger paste is cut here (labsh has its own line limit). */
  maxInputChunkBytes: 256 * 1024,
  labshMaxOldSpaceMb: 128,
  /**
   * Sessions one session host process runs, each on its own worker thread (FLATNET_SESSIONS_PER_HOST;
   * FLATNET_SESSION_HOST=worker). A host that dies interrupts this many learners (they resume from
   * their snapshots); more hosts cost a node process each.
   */
  sessionsPerHost: env('FLATNET_SESSIONS_PER_HOST', 100),
  /** Sessions a session host runs in its life; then it takes no more and is replaced once its last one ends. */
  hostRecycleAfterSessions: 400,
  /** A child spinning above half a core this long is killed and resumed from its snapshot (FLATNET_CPU_KILL_MS). */
  cpuKillAfterMs: env('FLATNET_CPU_KILL_MS', 20_000),
  cpuSampleMs: 1_000,
  snapshotSaveDebounceMs: 250,
  /** A stopping server waits this long for each session's fresh snapshot before saving the last one it has. */
  drainSnapshotMs: 1000,
  restartWindowMs: 30_000,
  maxRestartsPerWindow: 5,
  /**
   * Live lab sessions on this machine (FLATNET_MAX_SESSIONS), by where they run. Idle sessions cost
   * ~0 CPU, so memory is the bound, leaving a 24 GB host room for the server, Next and the page
   * cache: one labsh process each (FLATNET_SESSION_HOST=process) is ~45 MB RSS, so 400 × 45 MB ≈
   * 18 GB; a worker thread on a session host is ~13 MB (Pss, README "Session hosts"), so
   * 1,200 × 13 MB ≈ 16 GB.
   */
  maxSessions: env('FLATNET_MAX_SESSIONS', 400),
  maxSessionsOnHosts: env('FLATNET_MAX_SESSIONS', 1200),
  /**
   * Live sessions per user (FLATNET_MAX_SESSIONS_PER_USER): a lab and three lesson sandboxes open
   * at once; past it the user's oldest idle session is reaped, or the new one refused.
   */
  maxSessionsPerUser: env('FLATNET_MAX_SESSIONS_PER_USER', 4),
  /** Terminal output is recorded for the replay in batches: written this long after a batch's first byte... */
  recordingFlushMs: 300,
  /** ...or as soon as the batch holds this much, whichever comes first. */
  recordingFlushBytes: 16 * 1024,
  /** Largest WebSocket message accepted from a browser. */
  maxWebSocketMessageBytes: 512 * 1024,
} as const;
