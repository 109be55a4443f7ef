import { afterEach, describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { LabRuntime } from './lab-runtime';
import { runRepl } from './repl';
import { InterruptibleWait } from './interruptible-wait';
import { complete } from './completion';
import { findContentDir } from './labsh';
import { replHarness } from './repl-test-kit';

async function startRepl(history: string[] = []) {
  const { wait, runtime, input, output, screen, clear } = await replHarness();
  const done = runRepl({ runtime, input, output, wallNow: () => Date.now(), wait, history, tickMs: 50 });
  const type = (keys: string) => input.write(keys);
  const until = async (pred: (s: string) => boolean, ms = 3000) => {
    const start = Date.now();
    while (!pred(screen())) {
      if (Date.now() - start > ms) throw new Error(`timed out; screen was:\n${JSON.stringify(screen().slice(-600))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { runtime, type, until, done, screen, clear };
}

/**
 * The REPL as the terminal drives it, on a fake clock: the host's timers and its monotonic clock
 * (performance.now, which the waiter and wallNow read) move only when the test moves them. Date.now
 * stays real on purpose: the result must not depend on it, as it did when the waiter read it.
 */
async function startReplOnFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
  const wait = new InterruptibleWait();
  // How many host waits have begun: commands load on first use (a real import), so a test moves
  // the clock only once the wait it means to cut short is under way.
  let waits = 0;
  const sleep = (ms: number, signal?: AbortSignal) => {
    waits++;
    return wait.sleep(ms, signal);
  };
  const runtime = await LabRuntime.start({ seed: 1, contentDir: findContentDir(), hooks: { sleep } });
  const input = new PassThrough();
  const output = new PassThrough() as PassThrough & { columns: number; rows: number };
  output.columns = 100;
  output.rows = 30;
  let screen = '';
  output.on('data', (d: Buffer) => { screen += d.toString(); });
  const done = runRepl({ runtime, input, output, wallNow: () => performance.now(), wait, tickMs: 50 });
  const STEP_MS = 50;
  /** Lets `ms` of fake time pass in small steps, serving the streams between them. */
  const pass = async (ms: number) => {
    for (let t = 0; t < ms; t += STEP_MS) {
      await new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(STEP_MS);
    }
  };
  /** Moves the fake clock until the screen shows `pred`, at most `ms` of it. */
  const until = async (pred: (s: string) => boolean, ms = 60_000) => {
    for (let t = 0; !pred(screen); t += STEP_MS) {
      if (t > ms) throw new Error(`not seen in ${ms} ms of fake time; screen was:\n${JSON.stringify(screen.slice(-600))}`);
      await pass(STEP_MS);
    }
  };
  /** Serves the streams (the clock standing still) until `n` host waits have begun in all. */
  const waitsBegun = async (n: number) => {
    for (let turns = 0; waits < n; turns++) {
      if (turns > 10_000) throw new Error(`only ${waits} of ${n} waits began`);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { runtime, type: (keys: string) => input.write(keys), pass, until, waitsBegun, waits: () => waits, done, screen: () => screen, clear: () => { screen = ''; } };
}

/** What a command printed: the lines between the echoed input and the next prompt. */
function printed(screen: string): string[] {
  const afterInput = screen.slice(screen.indexOf('\r\n') + 2);
  return afterInput.slice(0, afterInput.indexOf('\x1b[1G')).split(/\r?\n/).filter((l) => l !== '');
}

describe('labsh REPL', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('restores history for the arrow keys and searches it with Ctrl-R', async () => {
    const r = await startRepl(['echo first', 'echo second-one']);
    await r.until((s) => s.includes('$ '));
    r.type('\x1b[A\x1b[A\r');
    await r.until((s) => s.includes('\nfirst\n') || s.includes('\r\nfirst'));
    r.clear();
    r.type('\x12sec');
    await r.until((s) => s.includes("(reverse-i-search)`sec': echo second-one"));
    r.type('\r');
    await r.until((s) => s.includes('second-one\r\n') || s.includes('second-one\n'));
    r.type('exit\r');
    expect(await r.done).toBe(0);
  });

  it('lists completions for two Tabs that arrive in one read, as for two separate ones (readline takes a chunk for a paste)', async () => {
    const r = await startRepl();
    await r.until((s) => s.includes('$ '));
    r.type('kubectl get no');
    await r.until((s) => s.includes('kubectl get no'));
    r.clear();
    r.type('\t\t');
    await r.until((s) => /no\s+node\s+nodes/.test(s));
    expect(r.screen()).not.toContain('\t');
    expect(r.screen()).not.toContain('control-plane');
    r.type('\x15exit\r');
    expect(await r.done).toBe(0);
  });

  it('ends a line the output left open before the prompt redraws, so `-o jsonpath` output stays on screen', async () => {
    const r = await startRepl();
    await r.until((s) => s.includes('$ '));
    r.clear();
    r.type("printf 10.244.1.4\r");
    // The first 10.244.1.4 is the echo of the typed command; the second is printf's output.
    await r.until((s) => s.lastIndexOf('$ ') > s.lastIndexOf('10.244.1.4') && s.indexOf('10.244.1.4') !== s.lastIndexOf('10.244.1.4'));
    // The prompt's redraw (ESC[1G, back to column 0, then ESC[0J, clear) comes after the line was ended, not over it.
    const screen = r.screen();
    const printed = screen.lastIndexOf('10.244.1.4');
    expect(screen.slice(printed, screen.indexOf('\x1b[1G', printed))).toMatch(/^10\.244\.1\.4\r?\n/);
    r.type('exit\r');
    expect(await r.done).toBe(0);
  });

  // Rewritten for issue 13: it used to press Ctrl-C after 100 ms of wall time and poll with Date.now.
  // Now the fake clock says how far each wait got, so the simulated time it let pass is exact.
  it('Ctrl-C stops a sleep and a loop, then the prompt returns', async () => {
    const r = await startReplOnFakeClock();
    await r.until((s) => s.includes('$ '));
    const before = r.runtime.sim.now();
    r.type('sleep 30; echo never\r');
    await r.waitsBegun(1);
    await r.pass(5000);
    expect(r.screen()).not.toContain('^C');
    r.type('\x03');
    await r.until((s) => s.includes('^C'));
    // The sleep gave back the 5 s that had passed, not the 30 s it asked for.
    expect(r.runtime.sim.now() - before).toBeGreaterThanOrEqual(5000);
    expect(r.runtime.sim.now() - before).toBeLessThan(6000);
    r.type('echo $?\r');
    await r.until((s) => s.includes('130'));
    r.clear();
    r.type('while true; do sleep 1; done\r');
    const waitsBefore = r.waits();
    await r.waitsBegun(waitsBefore + 1);
    await r.pass(3500);
    expect(r.waits() - waitsBefore).toBe(4);
    r.type('\x03');
    await r.until((s) => s.includes('^C'));
    r.clear();
    r.type('echo $?\r');
    await r.until((s) => /\n130\n/.test(s));
    r.type('exit\r');
    await r.done;
    expect(r.screen()).not.toContain('never');
  });

  // Issue 13: `rollout status` exited 130 after 0.5-2 s with nobody pressing Ctrl-C, because the
  // waiter measured its own timer with Date.now and a timer can end a fraction of a ms "early".
  it('rollout status waits out the whole rollout, 20 times in a row, and is never stopped without a Ctrl-C', async () => {
    const r = await startReplOnFakeClock();
    await r.until((s) => s.includes('$ '));
    // kubectl's DaemonSetStatusViewer (kubernetes/kubectl pkg/polymorphichelpers/rollout_status.go).
    const expected = [
      'daemonset.apps/kube-proxy restarted',
      'Waiting for daemon set "kube-proxy" rollout to finish: 0 out of 3 new pods have been updated...',
      'Waiting for daemon set "kube-proxy" rollout to finish: 1 out of 3 new pods have been updated...',
      'Waiting for daemon set "kube-proxy" rollout to finish: 2 out of 3 new pods have been updated...',
      'Waiting for daemon set "kube-proxy" rollout to finish: 2 of 3 updated pods are available...',
      'daemon set "kube-proxy" successfully rolled out',
      '0',
    ];
    for (let run = 1; run <= 20; run++) {
      r.clear();
      const before = r.runtime.sim.now();
      r.type('kubectl -n kube-system rollout restart ds kube-proxy; kubectl -n kube-system rollout status ds kube-proxy; echo $?\r');
      await r.until((s) => s.includes('learner@workstation:~$ '));
      expect({ run, lines: printed(r.screen()) }).toEqual({ run, lines: expected });
      expect(r.runtime.sim.now() - before).toBeGreaterThanOrEqual(6000);
    }
    r.type('exit\r');
    await r.done;
  });

  it('asks for more with > when the input is unfinished (here-document into a file)', async () => {
    const r = await startRepl();
    await r.until((s) => s.includes('$ '));
    r.type('cat > svc.yaml <<EOF\r');
    await r.until((s) => s.includes('\x1b[0J> '));
    r.type('kind: Service\r');
    r.type('EOF\r');
    r.type('for i in 1 2\r');
    r.type('do echo n$i; done\r');
    await r.until((s) => s.includes('n2'));
    expect(r.runtime.sim.fs.read('svc.yaml')).toBe('kind: Service\n');
    r.type('exit\r');
    await r.done;
  });

  it('completes commands, kubectl verbs, kinds, names, flags and files', async () => {
    const runtime = await LabRuntime.start({ seed: 1, contentDir: findContentDir() });
    await runtime.sim.exec('echo x > notes.txt');
    const sim = runtime.sim;
    expect(complete(sim, 'kub')).toEqual([['kubectl '], 'kub']);
    expect(complete(sim, 'kubectl ge')[0]).toEqual(['get ']);
    expect(complete(sim, 'kubectl get no')[0]).toEqual(['no ', 'node ', 'nodes ']);
    expect(complete(sim, 'kubectl get nodes node-')[0]).toEqual(['node-1 ', 'node-2 ']);
    expect(complete(sim, 'kubectl get pods -n kube-system core')[0].every((n) => n.startsWith('coredns-'))).toBe(true);
    expect(complete(sim, 'kubectl -n kube-')[0]).toEqual(['kube-node-lease ', 'kube-public ', 'kube-system ']);
    expect(complete(sim, 'kubectl get pods --all-n')[0]).toContain('--all-namespaces ');
    expect(complete(sim, 'cat no')[0]).toEqual(['notes.txt ']);
    expect(complete(sim, 'echo hi > no')[0]).toEqual(['notes.txt ']);
  });
});
