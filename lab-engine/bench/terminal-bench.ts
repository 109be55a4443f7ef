// The lab terminal as learners meet it (issue 21), over real WebSockets to a real gateway running
// the real (bundled) labsh. The gateway runs in this process (the kit: fake cookie auth, a memory
// store; the cookie check is not what is measured); the learners run in their own process,
// terminal-load-client.ts, so their sockets and timers cost the gateway nothing they would not cost
// a server whose learners sit elsewhere. FLATNET_SESSION_HOST (`--session-host`) picks how the
// gateway hosts sessions; nothing here depends on which.
//
// - labReadyMs: Start → prompt (WebSocket open to `$ ` on screen), a fresh attempt each time, one
//   at a time, on an idle gateway. labReadyUnderLoadMs: the same while the sessions of the
//   `underLoadSessions` level type (echoWhileStartingMs is their echo meanwhile).
// - echoMs."N": N sessions held at once, each typing `x` at ~5 keys/s (200 ms between an echo and
//   the next key), all at once; a key's echo time is typed → the next output frame. The levels
//   grow: the sessions of one level stay for the next, opened in batches of OPEN_BATCH, each batch
//   at its prompts before the next starts. disconnects."N": held sessions whose socket closed
//   during that level without anyone asking.
// - Memory, read at each level once every session has sat idle at its prompt SETTLE_MS (V8's memory
//   reducer runs about 8 s after a heap last grew), before anyone types. The tree is this process
//   (the gateway, its kit, the bench and tsx's esbuild service, as the production server runs under
//   tsx too) and every process under it (session processes or session hosts), the load client's
//   subtree left out. pssPerSessionMB: the tree's summed Pss / sessions at the largest level, the
//   server's own share included. rssPerSessionMB: the same with VmRSS, which counts node's shared
//   pages again in every process. memAvailableDropMB: MemAvailable before the first session minus
//   at the largest level (the machine is shared, so other work moves it too). memoryByLevel also
//   has, per level: idleCpuPctOfOneCore (the tree's CPU time over the settle's last
//   IDLE_CPU_WINDOW_MS, all sessions idle), threads and fds per session over the tree (fdsPerSession
//   grows with N where session processes inherit the gateway's fds) and in the gateway process alone.
// - Levels the machine cannot hold are not attempted: a level is skipped when the last level's
//   MemAvailable cost per session says it would leave less than MEM_RESERVE_MB, and opening stops
//   if MemAvailable falls under MEM_FLOOR_MB (`stopped` says so; the figures are then for what was held).

import { fileURLToPath } from 'node:url';
import { startGatewayKit, type GatewayKit } from '../gateway/gateway-test-kit';
import type { AttemptRef } from '../gateway/ports';
import { labshCommand } from '../gateway/labsh-command';
import { percentile, round } from './stats';
import { LoadClient } from './load-client-process';
import { memAvailableMB, treeCpuSeconds, treeUsage, type TreeUsage } from './process-tree-usage';
import { ensureSessionCapacity } from './session-capacity';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LAB = 'pod-network-basics';
const COOKIE = 'session=bench';

/** Sessions started at once; each batch shows its prompts before the next starts. */
const OPEN_BATCH = 8;
/** Long enough for V8's memory reducer (it starts 8 s after the heap last grew) to have run. */
const SETTLE_MS = 12_000;
/** The settle's last seconds, over which the idle tree's CPU time is read. */
const IDLE_CPU_WINDOW_MS = 5_000;
/** A level is not attempted if it would leave the machine (shared with other work) less than this. */
const MEM_RESERVE_MB = 4096;
/** Opening stops at once below this. */
const MEM_FLOOR_MB = 3072;
/** What one session is assumed to take from MemAvailable before a level of ≥ 50 has been measured. */
const FIRST_GUESS_MB_PER_SESSION = 64;

/** Progress on stderr (a full run takes minutes); stdout stays the JSON. */
const progress = (line: string) => process.stderr.write(`terminal bench: ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface TerminalBenchOptions {
  readySamples: number;
  levels: number[];
  keystrokes: number;
  keyIntervalMs: number;
  /** The level at which lab ready is measured again while every session types. */
  underLoadSessions: number;
  sessionHost: string;
}

const readyFigures = (samples: number[]) => ({ p50: round(percentile(samples, 50), 1), p95: round(percentile(samples, 95), 1), samples: samples.length });

const perSession = (tree: TreeUsage, base: TreeUsage, availableDropMB: number, sessions: number, idleCpuPct: number) => ({
  sessions,
  idleCpuPctOfOneCore: round(idleCpuPct, 1),
  pssPerSessionMB: round(tree.pssMB / sessions, 1),
  rssPerSessionMB: round(tree.rssMB / sessions, 1),
  memAvailablePerSessionMB: round(availableDropMB / sessions, 1),
  processes: tree.processes,
  threadsPerSession: round((tree.threads - base.threads) / sessions, 1),
  fdsPerSession: round((tree.fds - base.fds) / sessions, 1),
  gatewayFdsPerSession: round((tree.rootFds - base.rootFds) / sessions, 1),
});

export async function benchTerminal(options: TerminalBenchOptions) {
  const largest = Math.max(...options.levels, options.underLoadSessions);
  const limits = ensureSessionCapacity(largest + 1, options.sessionHost);
  // Read by startGateway; the sessions it spawns inherit it.
  process.env.FLATNET_SESSION_HOST = options.sessionHost;

  const attempts: AttemptRef[] = [];
  let next = 0;
  const newAttempt = () => {
    const attempt = { id: `bench-${next++}`, userId: 'bench-user', labId: LAB, seed: 1 };
    attempts.push(attempt);
    return attempt.id;
  };
  const kit = await startGatewayKit(attempts, { bench: 'bench-user' }, {
    // The command the server spawns in production (the bundle, with its V8 flags).
    command: labshCommand(root),
    contentDir: `${root}/content`,
  });
  const client = await LoadClient.start(root, kit.url, COOKIE);
  const notTheGateway = new Set([client.pid]);

  /** Fresh attempts one at a time, each stopped once its prompt showed. */
  const readyRound = async (samples: number) => {
    const times: number[] = [];
    const errors: string[] = [];
    for (let i = 0; i < samples; i++) {
      const id = newAttempt();
      const answer = await client.ready(id);
      if (answer.ms !== undefined) times.push(answer.ms);
      else errors.push(answer.error ?? 'unknown');
      await kit.sessions.stop(id);
    }
    return { ...readyFigures(times), ...(errors.length ? { failed: errors.length, firstError: errors[0] } : {}) };
  };

  try {
    await sleep(1000);
    const base = treeUsage(process.pid, notTheGateway);
    const availableBefore = memAvailableMB();
    const labReadyMs = await readyRound(options.readySamples);

    const echoMs: Record<string, unknown> = {};
    const echoDetail: Record<string, unknown> = {};
    const disconnects: Record<string, number> = {};
    const memoryByLevel: Record<string, ReturnType<typeof perSession>> = {};
    let underLoad: Record<string, unknown> = {};
    let held = 0;
    let mostHeld = 0;
    let costPerSessionMB = FIRST_GUESS_MB_PER_SESSION;
    let stopped: string | undefined;
    let largestMemory: { tree: TreeUsage; dropMB: number; sessions: number } | undefined;

    for (const level of [...options.levels].sort((a, b) => a - b)) {
      const projectedMB = memAvailableMB() - costPerSessionMB * (level - held);
      if (projectedMB < MEM_RESERVE_MB) {
        stopped = `level ${level} skipped: at ${round(costPerSessionMB, 1)} MB of MemAvailable a session it would leave ${Math.round(projectedMB)} MB (< ${MEM_RESERVE_MB})`;
        break;
      }
      const disconnectsBefore = (await client.stats()).disconnects;
      let openFailures = 0;
      let firstOpenFailure: string | undefined;
      while (held < level && !stopped) {
        const batch = Array.from({ length: Math.min(OPEN_BATCH, level - held) }, newAttempt);
        const answer = await openBatch(client, kit, batch);
        openFailures += answer.failedAttempts.length;
        firstOpenFailure ??= answer.errors[0];
        held = answer.held;
        if (held % 100 < OPEN_BATCH) progress(`${held} sessions at their prompts, MemAvailable ${Math.round(memAvailableMB())} MB`);
        if (answer.failedAttempts.length === batch.length) break; // nothing starts any more: measure what is held
        if (memAvailableMB() < MEM_FLOOR_MB) stopped = `opening stopped at ${held} sessions: MemAvailable under ${MEM_FLOOR_MB} MB`;
      }
      if (held === 0) break;
      mostHeld = Math.max(mostHeld, held);

      progress(`level ${level}: ${held} sessions held; settling, then typing`);
      await sleep(SETTLE_MS - IDLE_CPU_WINDOW_MS);
      const cpuBefore = treeCpuSeconds(process.pid, notTheGateway);
      await sleep(IDLE_CPU_WINDOW_MS);
      const idleCpuPct = ((treeCpuSeconds(process.pid, notTheGateway) - cpuBefore) / (IDLE_CPU_WINDOW_MS / 1000)) * 100;
      const tree = treeUsage(process.pid, notTheGateway);
      const dropMB = availableBefore - memAvailableMB();
      memoryByLevel[String(level)] = perSession(tree, base, dropMB, held, idleCpuPct);
      largestMemory = { tree, dropMB, sessions: held };
      if (level >= 50) costPerSessionMB = Math.max(dropMB / held, 1);

      const typed = await client.type(options.keystrokes, options.keyIntervalMs);
      echoMs[String(level)] = { p50: typed.echoMs.p50, p99: typed.echoMs.p99, max: typed.echoMs.max };
      echoDetail[String(level)] = {
        sessions: held,
        samples: typed.echoMs.count,
        lostEchoes: typed.lostEchoes,
        clientLoopDelayMs: typed.clientLoopDelayMs,
        ...(openFailures ? { openFailures, firstOpenFailure } : {}),
      };

      if (level === options.underLoadSessions) {
        const typing = client.type(options.keystrokes, options.keyIntervalMs, true);
        const ready = await readyRound(options.readySamples);
        await client.stopTyping();
        const meanwhile = await typing;
        underLoad = { labReadyUnderLoadMs: { typingSessions: held, ...ready }, echoWhileStartingMs: meanwhile.echoMs };
      }
      held = (await client.stats()).held;
      disconnects[String(level)] = (await client.stats()).disconnects - disconnectsBefore;
      if (stopped) break;
    }

    return {
      sessionHost: options.sessionHost,
      labReadyMs,
      ...underLoad,
      echoMs,
      echoDetail,
      disconnects,
      sessionsHeld: mostHeld,
      ...(largestMemory
        ? {
            pssPerSessionMB: round(largestMemory.tree.pssMB / largestMemory.sessions, 1),
            rssPerSessionMB: round(largestMemory.tree.rssMB / largestMemory.sessions, 1),
            memAvailableDropMB: Math.round(largestMemory.dropMB),
            memAvailablePerSessionMB: round(largestMemory.dropMB / largestMemory.sessions, 1),
          }
        : {}),
      memoryByLevel,
      serverAloneMB: { pss: round(base.pssMB, 1), rss: round(base.rssMB, 1), processes: base.processes },
      openFileLimit: limits.openFiles,
      ...(stopped ? { stopped } : {}),
    };
  } finally {
    await client.exit();
    await kit.sessions.shutdown();
    await kit.close();
  }
}

/** Opens one batch in the client; a session that did not start is stopped here. */
async function openBatch(client: LoadClient, kit: GatewayKit, batch: string[]) {
  const answer = await client.open(batch);
  for (const error of answer.errors) process.stderr.write(`terminal bench: a session did not start: ${error}\n`);
  await Promise.all(answer.failedAttempts.map((id) => kit.sessions.stop(id)));
  return answer;
}
