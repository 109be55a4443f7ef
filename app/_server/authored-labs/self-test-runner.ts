// The editor's self-test: the saved draft written to a temporary folder and proved by `labctl test
// --json` in a child process (the same phases CI runs: setup → checks fail → solution → checks pass
// → each mutation fails, for several variable draws), never on the server's event loop. The child
// gets a minimal environment, a heap cap and a timeout; at most SELF_TEST_CONCURRENCY run at once,
// a few more wait, the rest are refused. The report is the engine's SelfTestReport as labctl prints it.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLabFolder } from '../../../lab-engine/labs/lab-files';
import type { LabFiles } from './lab-files-data';
import { MAX_SELF_TEST_OUTPUT_BYTES, SELF_TEST_CONCURRENCY, SELF_TEST_QUEUE, SELF_TEST_TIMEOUT_MS } from './limits';

export interface SelfTestOutcome {
  passed: boolean;
  /** The lab's report as `labctl test --json` gives it, or `{ error }` when the run itself failed. */
  report: unknown;
}

export interface SelfTestCommand {
  /** The program and its leading arguments; the lab folder, `--json` and any flags follow. */
  file: string;
  args: string[];
  cwd: string;
  timeoutMs: number;
}

/** The built labctl of this checkout (lab-engine/bin/labctl.mjs runs lab-engine/dist/labctl.cjs). */
export function defaultSelfTestCommand(root = process.cwd()): SelfTestCommand {
  return { file: process.execPath, args: ['--max-old-space-size=512', join(root, 'lab-engine', 'bin', 'labctl.mjs'), 'test'], cwd: root, timeoutMs: SELF_TEST_TIMEOUT_MS };
}

/** Thrown when too many self-tests are waiting already. */
export class SelfTestBusy extends Error {}

class Gate {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number, private readonly queue: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      if (this.waiting.length >= this.queue) throw new SelfTestBusy('Several self-tests are running; try again in a minute.');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.active += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

// One per process: Next bundles each route handler apart, and a gate per copy would not bound anything.
const registry = globalThis as unknown as Record<symbol, Gate | undefined>;
const GATE_KEY = Symbol.for('flatnet.selfTestGate');
const gate = (registry[GATE_KEY] ??= new Gate(SELF_TEST_CONCURRENCY, SELF_TEST_QUEUE));

/** Runs the self-test of `files` as lab `id`; never throws for a broken lab, only reports it. */
export async function runSelfTest(id: string, files: LabFiles, command: SelfTestCommand = defaultSelfTestCommand()): Promise<SelfTestOutcome> {
  return gate.run(async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'flatnet-selftest-'));
    try {
      // labctl checks that lab.yaml's id matches its folder's name.
      const dir = join(scratch, id);
      await writeLabFolder(dir, files);
      const run = await runChild(command, [dir, '--json']);
      // A load failure names its file by absolute path: the author sees `lab.yaml`, not the server's temp folder.
      return interpret(id, { ...run, stdout: run.stdout.split(`${dir}/`).join('').split(scratch).join('') });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
}

interface ChildRun {
  stdout: string;
  exitCode: number | null;
  timedOut: boolean;
  tooLarge: boolean;
}

function runChild(command: SelfTestCommand, extra: string[]): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(command.file, [...command.args, ...extra], {
      cwd: command.cwd,
      // Nothing of the server's: no secrets, no database location.
      env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8', NODE_ENV: 'production', FLATNET_CONTENT_DIR: join(command.cwd, 'content') },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooLarge = false;
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_SELF_TEST_OUTPUT_BYTES) {
        tooLarge = true;
        child.kill('SIGKILL');
        return;
      }
      chunks.push(chunk);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, command.timeoutMs);
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(chunks).toString('utf8'), exitCode, timedOut, tooLarge });
    };
    child.on('error', () => finish(null));
    child.on('close', (code) => finish(code));
  });
}

function interpret(id: string, run: ChildRun): SelfTestOutcome {
  const fail = (error: string): SelfTestOutcome => ({ passed: false, report: { id, passed: false, error } });
  if (run.timedOut) return fail(`The self-test took longer than ${Math.round(SELF_TEST_TIMEOUT_MS / 1000)} s and was stopped; look for a step that never settles.`);
  if (run.tooLarge) return fail('The self-test printed more than the report may hold.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    return fail('The self-test could not run.');
  }
  const report = (parsed as { labs?: unknown[] } | null)?.labs?.[0];
  if (!report || typeof report !== 'object') return fail('The self-test gave no report.');
  const passed = (report as { passed?: unknown }).passed === true && run.exitCode === 0;
  return { passed, report };
}
