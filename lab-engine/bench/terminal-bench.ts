// The lab terminal as learners meet it, over real WebSockets to a real gateway running the real
// (bundled) labsh: Start → prompt, keystroke echo at 1/50/200 concurrent sessions, memory per idle
// session. Authentication is faked (the cookie check is not what is measured).
//
// Memory, read from /proc one second after every session of a level showed its prompt, before
// anyone types: rssPerSessionMB is the mean VmRSS of the labsh children at the level where it is
// highest (pages shared with the other children, such as node's own code, count in full);
// pssPerSessionMB is their mean Pss (smaps_rollup: each shared page split among the processes
// that map it) at the largest level, the figure DESIGN.md's per-session budget is about.
// One second after start still holds V8's start-up slack (the young generation's second
// semi-space, garbage of the start): its memory reducer gives it back about 8 s later, when the
// process is idle. rssSettledMB reads the first level's session again once it has
// been idle SETTLE_MS, what a learner's idle session holds from then on (RSS only: the Pss of a
// lone session counts node's shared pages whole).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startGatewayKit, openTerminal, type TestTerminal } from '../gateway/gateway-test-kit';
import type { AttemptRef } from '../gateway/ports';
import { percentile, round } from './stats';
import { labshCommand } from '../gateway/labsh-command';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LAB = 'pod-network-basics';

function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function pssMB(pid: number): number {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

const PROMPT = /\$ $/;
/** Long enough for V8's memory reducer (it starts 8 s after the heap last grew) to have run. */
const SETTLE_MS = 12_000;

async function waitForPrompt(t: TestTerminal, timeoutMs = 20_000) {
  await t.waitFor(PROMPT, timeoutMs);
}

/**
 * `keyIntervalMs` is the pause between one echo and the next key in each session: 150 ms is a
 * brisk typist (about 7 keys a second); 20 ms is a paste-like burst from every learner at once.
 */
export async function benchTerminal(options: { readySamples: number; echoLevels: number[]; keystrokes: number; keyIntervalMs: number }) {
  const attempts: AttemptRef[] = [];
  const kit = await startGatewayKit(attempts, { bench: 'bench-user' }, {
    // The command the server spawns in production (the bundle, with its V8 flags).
    command: labshCommand(root),
    contentDir: `${root}/content`,
  });
  const headers = { origin: kit.url, cookie: 'session=bench' };
  let next = 0;
  const newAttempt = () => {
    const attempt = { id: `bench-${next++}`, userId: 'bench-user', labId: LAB, seed: 1 };
    attempts.push(attempt);
    return attempt.id;
  };

  try {
    // Lab ready: WebSocket open (Start) → the prompt on screen, each time a fresh attempt.
    const ready: number[] = [];
    for (let i = 0; i < options.readySamples; i++) {
      const id = newAttempt();
      const started = performance.now();
      const t = await openTerminal(kit.url, id, headers);
      await waitForPrompt(t);
      ready.push(performance.now() - started);
      t.ws.close();
      await kit.sessions.stop(id);
    }

    const echo: Record<string, { p50: number; p99: number }> = {};
    let rssPerSession = 0;
    let pssPerSession = 0;
    let settled: number | undefined;
    let held = 0;
    for (const level of options.echoLevels) {
      const terminals: TestTerminal[] = [];
      for (let i = 0; i < level; i++) {
        const t = await openTerminal(kit.url, newAttempt(), headers);
        terminals.push(t);
        // Start a few at a time so spawning does not dominate the machine.
        if (i % 8 === 7) await Promise.all(terminals.slice(-8).map((x) => waitForPrompt(x, 60_000)));
      }
      await Promise.all(terminals.map((t) => waitForPrompt(t, 60_000)));
      held = Math.max(held, terminals.length);
      await new Promise((r) => setTimeout(r, 1000));
      const pids = [...attempts.slice(-level)].map((a) => kit.sessions.get(a.id)?.pid).filter((p): p is number => !!p);
      rssPerSession = Math.max(rssPerSession, mean(pids.map(rssMB)));
      // Levels come in increasing order: the last one read is the largest.
      pssPerSession = mean(pids.map(pssMB));
      if (settled === undefined) {
        await new Promise((r) => setTimeout(r, SETTLE_MS - 1000));
        settled = mean(pids.map(rssMB));
      }

      // Every session types `options.keystrokes` characters, one at a time, all sessions at once.
      const samples: number[] = [];
      await Promise.all(
        terminals.map(async (t, index) => {
          await new Promise((r) => setTimeout(r, (index * 7) % options.keyIntervalMs));
          for (let k = 0; k < options.keystrokes; k++) {
            const echoed = t.nextOutput();
            const started = performance.now();
            t.type('x');
            await echoed;
            samples.push(performance.now() - started);
            await new Promise((r) => setTimeout(r, options.keyIntervalMs));
          }
          t.type('\x15'); // Ctrl-U: clear the line again
        }),
      );
      echo[String(level)] = { p50: round(percentile(samples, 50), 2), p99: round(percentile(samples, 99), 2) };
      for (const t of terminals) t.ws.close();
      await kit.sessions.shutdown();
    }

    return {
      labReadyMs: { p50: round(percentile(ready, 50), 1), p95: round(percentile(ready, 95), 1) },
      echoMs: echo,
      rssPerSessionMB: round(rssPerSession, 1),
      pssPerSessionMB: round(pssPerSession, 1),
      ...(settled !== undefined ? { rssSettledMB: round(settled, 1) } : {}),
      sessionsHeld: held,
    };
  } finally {
    await kit.close();
  }
}
