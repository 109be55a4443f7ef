import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { LabRuntime } from './lab-runtime';
import { runRepl } from './repl';
import { InterruptibleWait } from './interruptible-wait';
import { complete } from './completion';
import { findContentDir } from './labsh';

async function startRepl(history: string[] = []) {
  const wait = new InterruptibleWait();
  const runtime = await LabRuntime.start({ seed: 1, contentDir: findContentDir(), hooks: { sleep: wait.sleep } });
  const input = new PassThrough();
  const output = new PassThrough() as PassThrough & { columns: number; rows: number };
  output.columns = 100;
  output.rows = 30;
  let screen = '';
  output.on('data', (d: Buffer) => { screen += d.toString(); });
  const done = runRepl({ runtime, input, output, wallNow: () => Date.now(), wait, history, tickMs: 50 });
  const type = (keys: string) => input.write(keys);
  const until = async (pred: (s: string) => boolean, ms = 3000) => {
    const start = Date.now();
    while (!pred(screen)) {
      if (Date.now() - start > ms) throw new Error(`timed out; screen was:\n${JSON.stringify(screen.slice(-600))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { runtime, type, until, done, screen: () => screen, clear: () => { screen = ''; } };
}

describe('labsh REPL', () => {
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

  it('Ctrl-C stops a sleep and a loop, then the prompt returns', async () => {
    const r = await startRepl();
    await r.until((s) => s.includes('$ '));
    r.type('sleep 30; echo never\r');
    await new Promise((res) => setTimeout(res, 100));
    r.type('\x03');
    await r.until((s) => s.includes('^C'));
    r.type('echo $?\r');
    await r.until((s) => s.includes('130'));
    r.clear();
    r.type('while true; do sleep 1; done\r');
    await new Promise((res) => setTimeout(res, 100));
    r.type('\x03');
    await r.until((s) => s.includes('^C'));
    r.type('exit\r');
    await r.done;
    expect(r.screen()).not.toContain('never');
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
