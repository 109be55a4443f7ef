// The learners of the terminal bench (terminal-bench.ts), as their own process, so that what their
// WebSockets cost lands on this process and not on the gateway being measured:
// `node --import tsx terminal-load-client.ts URL COOKIE`. It holds many terminals to the gateway at
// URL and does what the bench asks, one JSON command a line on stdin, answering each with one JSON
// line on stdout carrying the command's `id` (commands run concurrently; `type` runs while `ready`
// is asked):
// - `open {attempts}`: a WebSocket per attempt, all at once, each held once its prompt shows.
// - `ready {attempt}`: one fresh attempt, WebSocket open (Start) → prompt, timed, then closed.
// - `type {keys, intervalMs, untilStopped}`: every held terminal types `x` `keys` times (or until
//   `stop-typing`, if `untilStopped`), waiting `intervalMs` between an echo and the next key; the
//   answer is the echo times (typed → the next output frame) as p50/p99/max; an echo not there
//   within ECHO_TIMEOUT_MS is a lost echo, counted in the percentiles as that long.
// - `stats`, `close` (the held terminals, expectedly), `exit`.
// A held terminal whose socket closes when nobody asked is a disconnect; every answer carries the
// running counts. `clientLoopDelayMs` is this process's own event-loop delay while typing: echo
// times include it, so it says how much of a slow echo is the client's.

import { createInterface } from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { TERMINAL_PATH, type TerminalClientFrame } from '../protocol';
import { percentile, round } from './stats';

const [url, cookie] = process.argv.slice(2);
if (!url || !cookie) {
  process.stderr.write('usage: terminal-load-client.ts URL COOKIE (then JSON commands on stdin)\n');
  process.exit(2);
}

const PROMPT = /\$ $/;
/** A session start waits this long for its prompt while hundreds of others start and type. */
const PROMPT_TIMEOUT_MS = 120_000;
/** An echo later than this counts as lost (and as this long in the percentiles). */
const ECHO_TIMEOUT_MS = 10_000;
/** Keys typed on one line before Ctrl-U clears it, so no line grows past a screen. */
const KEYS_PER_LINE = 20;

/**
 * The event-loop delay histogram records each whole interval between its timer's runs (an idle
 * loop reads ~10 ms at a 10 ms resolution), so the resolution is taken off to leave the lateness.
 */
const LOOP_DELAY_RESOLUTION_MS = 10;
const lateBy = (intervalNs: number) => round(Math.max(0, intervalNs / 1e6 - LOOP_DELAY_RESOLUTION_MS), 1);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One learner's terminal: the prompt wait, the next output frame, and whether its close was asked for. */
class Terminal {
  private text = '';
  private atPrompt = false;
  private promptWaiter: (() => void) | null = null;
  private outputWaiter: (() => void) | null = null;
  private closing = false;

  private constructor(
    readonly ws: WebSocket,
    private readonly onUnexpectedClose: (t: Terminal) => void,
  ) {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) return;
      this.outputWaiter?.();
      if (this.atPrompt) return;
      // Drop escape sequences (readline's cursor moves) before looking for the prompt.
      // eslint-disable-next-line no-control-regex -- ESC is exactly what this strips
      this.text += data.toString().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
      if (PROMPT.test(this.text)) {
        this.atPrompt = true;
        this.text = '';
        this.promptWaiter?.();
        this.promptWaiter = null;
      }
    });
    ws.on('close', () => {
      // Before its prompt a close is a failed start (open rejects), not a disconnect.
      if (!this.closing && this.atPrompt) {
        this.onUnexpectedClose(this);
      }
      this.promptWaiter?.();
      this.outputWaiter?.();
    });
  }

  /** Resolves once the prompt shows; rejects on a refused handshake, a close or the timeout. */
  static open(attempt: string, onUnexpectedClose: (t: Terminal) => void): Promise<Terminal> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url!.replace('http', 'ws')}${TERMINAL_PATH}?attempt=${attempt}`, { headers: { origin: url!, cookie: cookie! } });
      const timer = setTimeout(() => fail(new Error(`no prompt within ${PROMPT_TIMEOUT_MS} ms`)), PROMPT_TIMEOUT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        terminal.close();
        reject(error);
      };
      const terminal = new Terminal(ws, onUnexpectedClose);
      terminal.promptWaiter = () => {
        clearTimeout(timer);
        if (terminal.atPrompt) resolve(terminal);
        else fail(new Error('closed before its prompt'));
      };
      ws.on('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
      ws.on('error', (error) => fail(error));
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends keys and resolves at the next output frame: true, or false if none came in time. */
  async typeAndWait(data: string, timeoutMs = ECHO_TIMEOUT_MS): Promise<boolean> {
    if (!this.open) return false;
    const echoed = this.nextOutput(timeoutMs);
    this.ws.send(JSON.stringify({ type: 'input', data } satisfies TerminalClientFrame));
    return echoed;
  }

  /** Resolves at the next output frame: true, or false if none came in time or the socket closed. */
  async nextOutput(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const output = await new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      this.outputWaiter = () => resolve(this.open);
    });
    clearTimeout(timer);
    this.outputWaiter = null;
    return output;
  }

  close() {
    this.closing = true;
    this.ws.close();
  }
}

const held: Terminal[] = [];
let disconnects = 0;
const onUnexpectedClose = (t: Terminal) => {
  disconnects += 1;
  const at = held.indexOf(t);
  if (at >= 0) held.splice(at, 1);
};
const counts = () => ({ held: held.length, disconnects });
let stopTyping = false;

const summary = (samples: number[]) =>
  samples.length
    ? { count: samples.length, p50: round(percentile(samples, 50), 2), p99: round(percentile(samples, 99), 2), max: round(Math.max(...samples), 1) }
    : { count: 0 };

async function open(attempts: string[]) {
  const errors: string[] = [];
  const failedAttempts: string[] = [];
  const opened = await Promise.all(
    attempts.map((attempt) =>
      Terminal.open(attempt, onUnexpectedClose).then(
        (t) => (held.push(t), true),
        (error: Error) => (failedAttempts.push(attempt), errors.push(`${attempt}: ${error.message}`), false),
      ),
    ),
  );
  return { opened: opened.filter(Boolean).length, failedAttempts, errors: errors.slice(0, 5) };
}

async function ready(attempt: string) {
  const started = performance.now();
  try {
    const t = await Terminal.open(attempt, () => undefined);
    const ms = performance.now() - started;
    t.close();
    return { ms };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function type(keys: number, intervalMs: number, untilStopped: boolean) {
  stopTyping = false;
  const samples: number[] = [];
  let lostEchoes = 0;
  const delay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  delay.enable();
  await Promise.all(
    [...held].map(async (t, index) => {
      // Spread the first keys over one interval, so the sessions do not type in lockstep.
      await sleep((index * 7) % intervalMs);
      for (let k = 0; (k < keys || (untilStopped && !stopTyping)) && t.open; k++) {
        const started = performance.now();
        if (await t.typeAndWait('x')) {
          samples.push(performance.now() - started);
        } else if (t.open) {
          // Counted as ECHO_TIMEOUT_MS, a lower bound; the late echo is waited out so it is not
          // taken for the next key's, and a terminal silent that long again stops typing.
          lostEchoes += 1;
          samples.push(ECHO_TIMEOUT_MS);
          if (!(await t.nextOutput(ECHO_TIMEOUT_MS))) break;
        }
        await sleep(intervalMs);
        if (k % KEYS_PER_LINE === KEYS_PER_LINE - 1) {
          await t.typeAndWait('\x15', ECHO_TIMEOUT_MS); // Ctrl-U: clear the line; its redraw is not timed
          await sleep(intervalMs);
        }
      }
      await t.typeAndWait('\x15', ECHO_TIMEOUT_MS);
    }),
  );
  delay.disable();
  return {
    echoMs: summary(samples),
    lostEchoes,
    clientLoopDelayMs: { p99: lateBy(delay.percentile(99)), max: lateBy(delay.max) },
  };
}

type Command =
  | { id: number; op: 'open'; attempts: string[] }
  | { id: number; op: 'ready'; attempt: string }
  | { id: number; op: 'type'; keys: number; intervalMs: number; untilStopped?: boolean }
  | { id: number; op: 'stop-typing' | 'stats' | 'close' | 'exit' };

async function run(command: Command): Promise<object> {
  switch (command.op) {
    case 'open':
      return open(command.attempts);
    case 'ready':
      return ready(command.attempt);
    case 'type':
      return type(command.keys, command.intervalMs, command.untilStopped ?? false);
    case 'stop-typing':
      stopTyping = true;
      return {};
    case 'stats':
      return {};
    case 'close':
      for (const t of held.splice(0)) t.close();
      return {};
    case 'exit':
      for (const t of held.splice(0)) t.close();
      setImmediate(() => process.exit(0));
      return {};
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as Command;
  run(command).then(
    (answer) => process.stdout.write(`${JSON.stringify({ id: command.id, ...answer, ...counts() })}\n`),
    (error: Error) => process.stdout.write(`${JSON.stringify({ id: command.id, error: error.message, ...counts() })}\n`),
  );
});
// The bench's end of stdin closing means the bench is gone: so is this client.
process.stdin.on('end', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ id: 0, started: true })}\n`);
