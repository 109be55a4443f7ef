// Background jobs (`CMD &`), as bash keeps them: a numbered table, `[1] PID` when one starts,
// `[1]+  Done  CMD` before the next prompt once it ended, and the builtins jobs, fg, kill and
// wait. In this terminal only commands that wait on events rather than on the clock may run in
// the background (tcpdump, which waits for packets): a job that slept would move the shared
// simulation clock under the learner's feet.

/** Commands allowed after `&` (`kubectl` only for port-forward: see canRunInBackground). */
export const BACKGROUND_COMMANDS: ReadonlySet<string> = new Set(['tcpdump', 'kubectl']);

/** What a learner may put in the background: a capture, or a port-forward to curl through. */
export function canRunInBackground(argv: readonly string[]): boolean {
  if (argv[0] === 'tcpdump') return true;
  return argv[0] === 'kubectl' && kubectlVerb(argv.slice(1)) === 'port-forward';
}

/** kubectl's global flags that take their value as the next word (`kubectl -n shop port-forward ...`). */
const KUBECTL_VALUE_FLAGS: ReadonlySet<string> = new Set(['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server', '--request-timeout', '-v', '--v']);

function kubectlVerb(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) return arg;
    if (KUBECTL_VALUE_FLAGS.has(arg)) i++;
  }
  return undefined;
}

export const BACKGROUND_DESCRIPTION = 'tcpdump and kubectl port-forward';
/** Bash's job table holds more, but a learner never needs more than a few captures at once. */
export const MAX_JOBS = 8;

export interface Job {
  id: number;
  pid: number;
  /** The command as the learner typed it, for `jobs` and the Done notice. */
  text: string;
  readonly controller: AbortController;
  promise: Promise<number>;
  state: 'running' | 'done' | 'terminated';
  exitCode?: number;
  /** Whether bash has told the learner that it ended. */
  reported: boolean;
}

export class JobTable {
  private jobs: Job[] = [];
  private lastPid = 4200;

  get size(): number {
    return this.jobs.length;
  }

  /** Starts `run` as job N; `run` gets the signal that `kill` and `fg`'s Ctrl-C abort. */
  start(text: string, run: (signal: AbortSignal) => Promise<number>): Job {
    const id = (this.jobs.at(-1)?.id ?? 0) + 1;
    this.lastPid += 1 + ((id * 7) % 13);
    const controller = new AbortController();
    const job: Job = { id, pid: this.lastPid, text, controller, promise: Promise.resolve(0), state: 'running', reported: false };
    job.promise = run(controller.signal).then(
      (code) => this.ended(job, code),
      () => this.ended(job, 1),
    );
    this.jobs.push(job);
    return job;
  }

  private ended(job: Job, code: number): number {
    job.state = job.controller.signal.aborted ? 'terminated' : 'done';
    job.exitCode = code;
    return code;
  }

  /** `%1`, `%%`, `%+`, `%-`, or a PID. */
  find(spec: string | undefined): Job | undefined {
    const live = this.jobs;
    if (spec === undefined || spec === '%%' || spec === '%+' || spec === '%') return live.at(-1);
    if (spec === '%-') return live.at(-2);
    if (/^%\d+$/.test(spec)) return live.find((j) => j.id === Number(spec.slice(1)));
    if (/^\d+$/.test(spec)) return live.find((j) => j.pid === Number(spec));
    return undefined;
  }

  running(): Job[] {
    return this.jobs.filter((j) => j.state === 'running');
  }

  /** `jobs`: every job still in the table; ended ones are reported (and dropped) as bash does. */
  list(): string {
    const text = this.jobs.map((j) => this.line(j, j.state === 'running' ? `${j.text} &` : j.text)).join('');
    this.forgetReported();
    return text;
  }

  /** The notices bash prints before the next prompt for jobs that ended since. */
  notices(): string {
    const text = this.jobs.filter((j) => j.state !== 'running' && !j.reported).map((j) => this.line(j, j.text)).join('');
    this.forgetReported();
    return text;
  }

  /** Stops every job and waits until each has printed its last words. */
  async stopAll(): Promise<void> {
    const running = this.running();
    for (const j of running) j.controller.abort();
    await Promise.all(running.map((j) => j.promise));
  }

  drop(job: Job): void {
    this.jobs = this.jobs.filter((j) => j !== job);
  }

  private line(j: Job, text: string): string {
    const mark = j === this.jobs.at(-1) ? '+' : j === this.jobs.at(-2) ? '-' : ' ';
    const state = j.state === 'running' ? 'Running' : j.state === 'terminated' ? 'Terminated' : j.exitCode ? `Exit ${j.exitCode}` : 'Done';
    return `[${j.id}]${mark}  ${state.padEnd(24)}${text}\n`;
  }

  private forgetReported(): void {
    for (const j of this.jobs) if (j.state !== 'running') j.reported = true;
    this.jobs = this.jobs.filter((j) => j.state === 'running' || !j.reported);
  }
}
