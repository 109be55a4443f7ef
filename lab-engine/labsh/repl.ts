// The interactive loop on the learner's pty: a prompt, line editing, history (restored from the
// attempt's snapshot), Ctrl-R reverse search and Tab completion on node:readline; one input at a
// time through the simulation, its output streamed as it is written; `> ` continuation lines for
// an unfinished input (an open quote, `do` without `done`, a here-document); and a ticker that
// maps wall time onto the simulated clock so pods come up while the learner watches.
//
// Keys reach readline through a gate: Ctrl-R search and full-screen commands (vi, nano) take the
// keyboard from it while they run. Lines typed while a command runs wait their turn, as
// typeahead does in a real terminal. Ctrl-C aborts the running input's signal (every command
// and the interpreter poll it) and cuts a `sleep` short.

import { createInterface, type Interface } from 'node:readline';
import { PassThrough } from 'node:stream';
import type { LabRuntime } from './lab-runtime';
import { WAIT_TIMEOUT_MS, type CheckResultMessage, type ShellState, type WaitCondition } from '../protocol';
import { InterruptibleWait } from './interruptible-wait';
import { backgroundReporter, containedErrorLine } from './contained-error';
import { ReverseSearch } from './reverse-search';
import { installFastCursorPos } from './readline-cursor';
import { parseScript } from '../shell/syntax';
import type { TerminalIo } from '../shell/command-types';
import { MAX_EXEC_CPU_MS, MAX_HISTORY_ENTRIES, MAX_INPUT_BYTES } from '../core/limits';

export interface ReplHooks {
  /** Called after every command with its exit code. */
  onCommand?(line: string, exitCode: number): void;
  /** Called when the check results changed. */
  onChecks?(results: CheckResultMessage[]): void;
  /** Called when the model changed and a snapshot is worth keeping. */
  onChanged?(): void;
  /** Called when the shell reaches a prompt, starts an input or continues one (protocol/shell-state.ts). */
  onShellState?(state: ShellState, inputs: number): void;
}

export interface ReplOptions {
  runtime: LabRuntime;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Wall-clock milliseconds (the host's Date.now). */
  wallNow: () => number;
  /** The waiter the simulation's sleep hook uses, so Ctrl-C can cut it short. */
  wait?: InterruptibleWait;
  hooks?: ReplHooks;
  tickMs?: number;
  /** Earlier inputs, oldest first (the attempt's snapshot), for the arrow keys and Ctrl-R. */
  history?: readonly string[];
  /** Hands the REPL's way to queue a lesson's wait condition to whoever receives them (the control channel). */
  acceptWaits?(enqueue: (condition: WaitCondition) => void): void;
}

const CONTINUATION_PROMPT = '> ';
/** How long after the last command or model change the ticker stays fast. */
const ACTIVE_WINDOW_MS = 30_000;

export function runRepl(options: ReplOptions): Promise<number> {
  const { runtime, input, output, wallNow, hooks = {} } = options;
  const sim = runtime.sim;
  const simBase = sim.now();
  const wallBase = wallNow();
  const simNow = () => Math.max(sim.now(), simBase + (wallNow() - wallBase));

  // Keys go to readline unless something has taken the keyboard.
  const gate = new PassThrough();
  let takenBy: ((data: string) => void) | null = null;
  const tty = input as NodeJS.ReadStream;
  if (tty.isTTY && typeof tty.setRawMode === 'function') tty.setRawMode(true);
  const onData = (chunk: Buffer | string) => {
    const data = chunk.toString();
    if (takenBy) takenBy(data);
    else if (search.handle(data)) return;
    // Two Tabs that reach the pty in one read (a busy child, a slow link) look to readline like a
    // paste, which inserts the first as text; keys that are nothing but Tabs go in one at a time.
    else if (/^\t{2,}$/.test(data)) for (const tab of data) gate.write(tab);
    else gate.write(data);
  };
  input.on('data', onData);
  input.on('end', () => gate.end());

  const resizeListenersBefore = new Set(output.listeners('resize'));
  const rl: Interface = createInterface({
    input: gate,
    output,
    terminal: true,
    historySize: MAX_HISTORY_ENTRIES,
    history: [...(options.history ?? [])].reverse().slice(0, MAX_HISTORY_ENTRIES),
    prompt: sim.prompt(),
    // Completion reads kubectl's verbs and flags: loaded at the first Tab, not by an idle shell.
    completer: (line: string, done: (error: Error | null, result?: [string[], string]) => void) => {
      import('./completion').then(
        ({ complete }) => done(null, complete(sim, line)),
        (error: Error) => done(error),
      );
    },
  } as Parameters<typeof createInterface>[0]);
  installFastCursorPos(rl);
  const search = new ReverseSearch(rl, output, (line) => gate.write(`${line}\r`));
  // readline redraws its prompt and line on every terminal resize, even while a command runs: a
  // stray prompt then lands in the command's output (a page fitting its terminal just as the first
  // command starts). Its redraw is held back until the shell is at a prompt again, which draws it anyway.
  const readlineOnResize = output.listeners('resize').filter((l) => !resizeListenersBefore.has(l)) as Array<() => void>;
  const onResize = () => {
    if (!busy) for (const listener of readlineOnResize) listener.call(output);
  };
  for (const listener of readlineOnResize) output.removeListener('resize', listener);
  output.on('resize', onResize);

  const terminal: TerminalIo = {
    get columns() { return (output as NodeJS.WriteStream).columns || 80; },
    get rows() { return (output as NodeJS.WriteStream).rows || 24; },
    write: (text) => { output.write(text); },
    takeInput(handler) {
      takenBy = handler;
      return () => { if (takenBy === handler) takenBy = null; };
    },
  };

  // Lines typed and lessons' wait conditions, run in the order they came.
  const queue: Array<string | WaitCondition> = [];
  let pending = '';
  // Re-parsing the whole pending text per line made a 20k-line here-document quadratic: while a
  // here-document is open, only its delimiter line can change the answer, so others just append.
  let pendingBytes = 0;
  let awaitedDelimiter: string | null = null;
  let busy = false;
  let closed = false;
  let current: AbortController | null = null;
  let lastGeneration = sim.generation();
  // Told to the page so a Run types only at a prompt; `inputs` lets it see its own input finish.
  let inputsDone = 0;
  let shellState: ShellState | null = null;
  const tellState = (state: ShellState) => {
    if (state === shellState) return;
    shellState = state;
    hooks.onShellState?.(state, inputsDone);
  };

  // Grading may run shell lines (a lab's `command` checks), so it is asynchronous: one grading at
  // a time, each after the one before, and a fault in one never stops the next.
  let grading: Promise<void> = Promise.resolve();
  const publish = (): Promise<void> => {
    grading = grading.then(async () => {
      const results = await runtime.gradeIfChanged();
      if (results) hooks.onChecks?.(results);
    }).catch((error: unknown) => reportBackground(error));
    if (sim.generation() !== lastGeneration) {
      lastGeneration = sim.generation();
      hooks.onChanged?.();
    }
    return grading;
  };

  // Fast ticks while things are happening (a command ran or the model changed in the last
  // ACTIVE_WINDOW_MS: pods coming up), slow ones when the learner is away, and the timer wakes
  // only as often as its mode needs: an idle session then costs almost no CPU, which is what lets
  // a thousand of them share two cores (woken every 200 ms regardless, 941 idle sessions took 1.5
  // cores). Commands always see the clock brought up to date first, so slow ticks only delay
  // live check updates a little.
  const fastTickMs = options.tickMs ?? 200;
  const idleTickMs = Math.max(fastTickMs, 2000);
  let lastActivity = wallNow();
  let ticker: NodeJS.Timeout | null = null;
  const scheduleTick = () => {
    if (closed) return;
    const active = wallNow() - lastActivity <= ACTIVE_WINDOW_MS;
    ticker = setTimeout(tick, active ? fastTickMs : idleTickMs);
  };
  const tick = () => {
    if (!busy) {
      const before = sim.generation();
      try {
        sim.advanceTo(simNow());
        if (sim.generation() !== before) lastActivity = wallNow();
        void publish();
      } catch (error) {
        // An uncaught throw here would end labsh (and, repeated, the attempt): say it once and go on.
        reportBackground(error);
      }
    }
    scheduleTick();
  };
  /** A command ran or a key was typed: back to fast ticks at once. */
  const wake = () => {
    lastActivity = wallNow();
    if (ticker && !closed) {
      clearTimeout(ticker);
      ticker = setTimeout(tick, fastTickMs);
    }
  };
  scheduleTick();
  const reportBackground = backgroundReporter((line) => {
    output.write(`\r\n${line}`);
    if (!busy && !closed) rl.prompt(true);
  });

  return new Promise((resolve) => {
    const finish = () => {
      if (closed) return;
      closed = true;
      if (ticker) clearTimeout(ticker);
      output.removeListener('resize', onResize);
      input.off('data', onData);
      resolve(0);
    };

    // A lesson's wait: no line, no history, no command event; only the lines saying what it waits for.
    const runWait = async (condition: WaitCondition, signal: AbortSignal) => {
      const { waitForCondition, waitNotice } = await import('./wait-for-condition');
      let announced = false;
      const outcome = await waitForCondition(condition, {
        read: (resource, namespace, name) => {
          sim.advanceTo(simNow());
          return sim.get(resource, namespace, name);
        },
        sleep: (ms) => (options.wait ? options.wait.sleep(ms) : new Promise((r) => setTimeout(r, ms))),
        wallNow,
        signal,
        timeoutMs: WAIT_TIMEOUT_MS,
        onWaiting: () => {
          announced = true;
          output.write(waitNotice(condition, null, WAIT_TIMEOUT_MS));
        },
      });
      if (announced) output.write(waitNotice(condition, outcome, WAIT_TIMEOUT_MS));
    };

    const runOne = async (item: string | WaitCondition) => {
      tellState('busy');
      wake();
      if (typeof item !== 'string') {
        busy = true;
        current = new AbortController();
        try {
          await runWait(item, current.signal);
          await publish();
        } catch (error) {
          output.write(containedErrorLine(error));
        } finally {
          busy = false;
          current = null;
        }
        return;
      }
      const line = item;
      const trimmed = line.trim();
      // `exit` on the workstation ends labsh; inside `ssh node-1` or `kubectl exec` it leaves that shell.
      if ((trimmed === 'exit' || trimmed.startsWith('exit ') || trimmed === 'logout') && sim.contextDepth() <= 1) {
        rl.close();
        return;
      }
      busy = true;
      current = new AbortController();
      try {
        sim.advanceTo(simNow());
        if (trimmed) {
          let endsLine = true;
          const result = await sim.exec(line, {
            signal: current.signal,
            terminal,
            cpuBudgetMs: MAX_EXEC_CPU_MS,
            onOutput: (text) => {
              if (text) endsLine = text.endsWith('\n');
              output.write(text);
            },
          });
          // Output that does not end its line (`kubectl … -o jsonpath=…`) would be wiped by
          // readline's prompt, which redraws from column 0: finish the line first, as zsh does.
          if (!endsLine) output.write('\n');
          hooks.onCommand?.(line, result.exitCode);
        }
        await publish();
      } catch (error) {
        // A crash inside one command must not take the session down.
        output.write(containedErrorLine(error));
      } finally {
        busy = false;
        current = null;
        takenBy = null;
      }
    };

    const drain = async () => {
      while (queue.length && !closed) {
        await runOne(queue.shift()!);
        inputsDone += 1;
      }
      if (closed) return;
      rl.setPrompt(sim.prompt());
      // Keys typed while the command ran are already in readline's line: the prompt is drawn
      // before them with the cursor after them, as bash does (prompt() alone moves it to 0).
      rl.prompt(true);
      tellState(pending ? 'continuation' : 'prompt');
    };
    options.acceptWaits?.((condition) => {
      if (closed) return;
      queue.push(condition);
      if (!busy && queue.length === 1) void drain();
    });

    rl.on('line', (line) => {
      const text = pending ? `${pending}\n${line}` : line;
      const bytes = pendingBytes + Buffer.byteLength(line) + (pending ? 1 : 0);
      if (awaitedDelimiter !== null && bytes <= MAX_INPUT_BYTES && line.replace(/^\t+/, '') !== awaitedDelimiter) {
        pending = text;
        pendingBytes = bytes;
        if (!busy) rl.prompt();
        return;
      }
      const parsed = bytes <= MAX_INPUT_BYTES ? parseScript(text) : null;
      awaitedDelimiter = null;
      if (parsed && !parsed.ok && parsed.incomplete) {
        pending = text;
        pendingBytes = bytes;
        awaitedDelimiter = /here-document delimited by end-of-file \(wanted `(.*)'\)$/.exec(parsed.message)?.[1] ?? null;
        rl.setPrompt(CONTINUATION_PROMPT);
        if (!busy) {
          rl.prompt();
          tellState('continuation');
        }
        return;
      }
      pending = '';
      pendingBytes = 0;
      queue.push(text);
      if (!busy && queue.length === 1) void drain();
      else if (!busy) rl.setPrompt(sim.prompt());
    });
    rl.on('SIGINT', () => {
      if (busy) {
        current?.abort();
        options.wait?.interrupt();
        queue.length = 0;
        output.write('^C\n');
        return;
      }
      pending = '';
      pendingBytes = 0;
      awaitedDelimiter = null;
      output.write('^C\n');
      rl.write(null, { ctrl: true, name: 'u' });
      rl.setPrompt(sim.prompt());
      rl.prompt();
      tellState('prompt');
    });
    rl.on('close', () => {
      output.write('exit\n');
      finish();
    });
    void publish();
    rl.prompt();
    tellState('prompt');
  });
}
