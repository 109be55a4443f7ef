// "Sign-in flood" (issue 21): what a flood of password checks costs the learners who are typing.
// A production server runs as its own process (`npm run build` first; without a build the part is
// skipped and absent from the results) on a fresh database. N learners sign up through the real
// auth API, start a lab through /api/attempts and type over real WebSockets from this process:
// once quietly, then while a separate client process (sign-in-flood-client.ts) sends wrong
// passwords for one of them at 20 a second. The server's auth rate limiter is off, as in the e2e
// runs, so every one of those requests asks for a password hash: the worst case the limiter's
// global budget (5 a second) would otherwise cut down. The figure to watch is `p99CostMs`, the
// flood's echo p99 minus the quiet one (issue 21: at most 5 ms). A control round sends the same
// requests with an oversized password, refused before any lookup or hash: `noHashP99CostMs` is what
// the HTTP requests alone cost, so the difference is what the password work costs.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../e2e/support/flatnet-server';
import { openTerminal, type TestTerminal } from '../gateway/gateway-test-kit';
import { percentile, round } from './stats';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LAB = 'pod-network-basics';
const PROMPT = /\$ $/;
/** The flood reaches its steady state (the KDF queue full) before the typing starts. */
const FLOOD_WARM_UP_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SignInFloodOptions {
  sessions: number;
  keystrokes: number;
  keyIntervalMs: number;
  floodPerSecond: number;
}

function post(url: string, path: string, body: unknown, cookie = '') {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

async function learnerAtPrompt(url: string, index: number): Promise<{ email: string; terminal: TestTerminal }> {
  const email = `flood-bench-${index}@example.test`;
  const signUp = await post(url, '/api/auth/sign-up/email', { name: `Learner ${index}`, email, password: `typing-learner-${index}` });
  if (!signUp.ok) throw new Error(`sign-up ${index}: HTTP ${signUp.status}`);
  const cookie = signUp.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const attempt = await post(url, '/api/attempts', { labId: LAB }, cookie);
  if (!attempt.ok) throw new Error(`attempt ${index}: HTTP ${attempt.status}`);
  const { attemptId } = (await attempt.json()) as { attemptId: string };
  const terminal = await openTerminal(url, attemptId, { origin: url, cookie });
  await terminal.waitFor(PROMPT, 60_000);
  return { email, terminal };
}

/** Every terminal types `keystrokes` keys, one at a time, all at once; the echo times in ms. */
async function typingRound(terminals: TestTerminal[], options: SignInFloodOptions): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    terminals.map(async (t, index) => {
      await sleep((index * 7) % options.keyIntervalMs);
      for (let k = 0; k < options.keystrokes; k++) {
        const echoed = t.nextOutput(10_000);
        const started = performance.now();
        t.type('x');
        await echoed;
        samples.push(performance.now() - started);
        await sleep(options.keyIntervalMs);
      }
      t.type('\x15'); // Ctrl-U: clear the line again
    }),
  );
  return samples;
}

/** The flood client as its own process; `stop()` ends it and returns what it counted. */
async function startFlood(url: string, email: string, perSecond: number, mode: 'wrong-password' | 'oversized') {
  const client = fileURLToPath(new URL('./sign-in-flood-client.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', client, url, email, String(perSecond), mode], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => (output.includes('flooding') ? resolve() : undefined);
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`the flood client exited with ${code}`)));
  });
  return {
    stop: async (): Promise<{ sent: number; statuses: Record<string, number>; answerMs: { p50: number; p99: number } }> => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      return JSON.parse(output.split('\n').find((line) => line.startsWith('{')) ?? '{}');
    },
  };
}

const summary = (samples: number[]) => ({ p50: round(percentile(samples, 50), 2), p99: round(percentile(samples, 99), 2), max: round(Math.max(...samples), 1) });

export async function benchSignInFlood(options: SignInFloodOptions) {
  if (!existsSync(`${root}/.next/BUILD_ID`)) return {};
  const server = await startServer({ env: { FLATNET_AUTH_RATE_LIMIT: 'off' } });
  const terminals: TestTerminal[] = [];
  try {
    let victim = '';
    for (let i = 0; i < options.sessions; i += 4) {
      const batch = await Promise.all(Array.from({ length: Math.min(4, options.sessions - i) }, (_, j) => learnerAtPrompt(server.url, i + j)));
      victim ||= batch[0]!.email;
      terminals.push(...batch.map((learner) => learner.terminal));
    }
    await sleep(1_000);
    const quiet = summary(await typingRound(terminals, options));

    const underFlood = async (mode: 'wrong-password' | 'oversized') => {
      const flood = await startFlood(server.url, victim, options.floodPerSecond, mode);
      await sleep(FLOOD_WARM_UP_MS);
      const echo = summary(await typingRound(terminals, options));
      return { echo, answered: await flood.stop() };
    };
    const hashing = await underFlood('wrong-password');
    // Let the queued sign-ins drain before the control round.
    await sleep(3_000);
    const control = await underFlood('oversized');

    return {
      signInFlood: {
        sessions: options.sessions,
        floodPerSecond: options.floodPerSecond,
        echoQuietMs: quiet,
        echoFloodMs: hashing.echo,
        p99CostMs: round(hashing.echo.p99 - quiet.p99, 2),
        flood: hashing.answered,
        echoNoHashFloodMs: control.echo,
        noHashP99CostMs: round(control.echo.p99 - quiet.p99, 2),
        noHashFlood: control.answered,
      },
    };
  } finally {
    for (const t of terminals) t.ws.close();
    await server.stop();
  }
}
