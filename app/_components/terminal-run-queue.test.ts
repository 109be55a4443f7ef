// Runs are typed only at a prompt, one at a time, never into a running command; a declared wait is
// sent once the command finished; a server that says nothing of shell states still gets the runs.

import { describe, expect, it } from 'vitest';
import type { TerminalClientFrame } from '../../lab-engine/protocol';
import { TerminalRunQueue } from './terminal-run-queue';

function harness() {
  const sent: TerminalClientFrame[] = [];
  const reports: string[] = [];
  const timers: Array<() => void> = [];
  let open = true;
  const queue = new TerminalRunQueue({
    send: (frame) => {
      if (open) sent.push(frame);
      return open;
    },
    report: (id, phase) => reports.push(`${id}:${phase}`),
    later: (fn) => {
      timers.push(fn);
      return () => timers.splice(timers.indexOf(fn), 1);
    },
  });
  const typed = () => sent.flatMap((f) => (f.type === 'input' ? [f.data] : f.type === 'wait' ? [`wait ${f.condition.name}`] : []));
  return { queue, sent, reports, typed, fireTimers: () => timers.splice(0).forEach((t) => t()), close: () => (open = false) };
}

const web = { until: 'ready', kind: 'pod', namespace: 'default', name: 'web' } as const;

describe('TerminalRunQueue', () => {
  it('types at the prompt, then the next run only when the shell is back with one more input', () => {
    const h = harness();
    h.queue.add({ id: 'a', command: 'kubectl run web --image=nginx', waitFor: web });
    h.queue.add({ id: 'b', command: 'kubectl get pods -o wide' });
    expect(h.typed()).toEqual([]);
    h.queue.shellReady();
    h.queue.onShellState({ state: 'prompt', inputs: 3 });
    expect(h.typed()).toEqual(['kubectl run web --image=nginx\r']);
    // A stale prompt, then busy: nothing more goes out.
    h.queue.onShellState({ state: 'prompt', inputs: 3 });
    h.queue.onShellState({ state: 'busy', inputs: 3 });
    expect(h.typed()).toHaveLength(1);
    h.queue.onShellState({ state: 'prompt', inputs: 4 });
    expect(h.typed()).toEqual(['kubectl run web --image=nginx\r', 'wait web']);
    h.queue.onShellState({ state: 'busy', inputs: 4 });
    h.queue.onShellState({ state: 'prompt', inputs: 5 });
    expect(h.typed()).toEqual(['kubectl run web --image=nginx\r', 'wait web', 'kubectl get pods -o wide\r']);
    h.queue.onShellState({ state: 'prompt', inputs: 6 });
    expect(h.reports).toEqual(['a:queued', 'b:queued', 'a:running', 'a:waiting', 'a:done', 'b:running', 'b:done']);
  });

  it('never types into a running command: the run is blocked until the prompt returns', () => {
    const h = harness();
    h.queue.shellReady();
    h.queue.onShellState({ state: 'prompt', inputs: 0 });
    h.queue.onShellState({ state: 'busy', inputs: 0 });
    h.queue.add({ id: 'a', command: 'kubectl get svc' });
    expect(h.typed()).toEqual([]);
    expect(h.reports).toEqual(['a:queued', 'a:blocked']);
    h.queue.onShellState({ state: 'prompt', inputs: 1 });
    expect(h.typed()).toEqual(['kubectl get svc\r']);
  });

  it('ends a run whose shell died, and starts over when a new shell is at its prompt', () => {
    const h = harness();
    h.queue.shellReady();
    h.queue.onShellState({ state: 'prompt', inputs: 7 });
    h.queue.add({ id: 'a', command: 'exit' });
    h.queue.add({ id: 'b', command: 'kubectl get nodes' });
    h.queue.shellGone();
    expect(h.reports).toContain('a:done');
    h.queue.shellReady();
    expect(h.typed()).toEqual(['exit\r']);
    h.queue.onShellState({ state: 'prompt', inputs: 0 });
    expect(h.typed()).toEqual(['exit\r', 'kubectl get nodes\r']);
  });

  it('waits quietly while a new shell starts, and keeps a run across a dropped socket', () => {
    const h = harness();
    h.queue.add({ id: 'a', command: 'kubectl get nodes' });
    h.queue.shellReady();
    h.queue.onShellState({ state: 'busy', inputs: 0 });
    expect(h.reports).toEqual(['a:queued']);
    h.queue.onShellState({ state: 'prompt', inputs: 0 });
    expect(h.typed()).toEqual(['kubectl get nodes\r']);
    h.queue.add({ id: 'b', command: 'kubectl get pods' });
    // The socket drops while `a` runs; the same shell, reattached, finished it meanwhile.
    h.queue.socketClosed();
    h.fireTimers();
    h.queue.shellReady();
    h.queue.onShellState({ state: 'prompt', inputs: 1 });
    expect(h.reports).toEqual(['a:queued', 'a:running', 'b:queued', 'a:done', 'b:running']);
    expect(h.typed()).toEqual(['kubectl get nodes\r', 'kubectl get pods\r']);
    // A shell that restarted while the socket was down counts from 0 again: b went with the old one.
    h.queue.socketClosed();
    h.queue.shellReady();
    h.queue.onShellState({ state: 'prompt', inputs: 0 });
    expect(h.reports.at(-1)).toBe('b:done');
  });

  it('falls back to typing at once on a server that never tells shell states', () => {
    const h = harness();
    h.queue.add({ id: 'a', command: 'kubectl get nodes', waitFor: web });
    h.queue.add({ id: 'b', command: 'kubectl get pods' });
    h.queue.shellReady();
    expect(h.typed()).toEqual([]);
    h.fireTimers();
    expect(h.typed()).toEqual(['kubectl get nodes\r', 'kubectl get pods\r']);
  });
});
