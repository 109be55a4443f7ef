import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

describe('kubectl get -w', () => {
  it('prints the table, then one row per change, until nothing more is due (scripted)', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run web --image=nginx');
    const result = await sim.exec('kubectl get pods -w');
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(lines[1]).toMatch(/^web\s+0\/1\s+ContainerCreating/);
    expect(lines.at(-1)).toMatch(/^web\s+1\/1\s+Running\s+0\s+\d+s$/);
    expect(result.exitCode).toBe(0);
  });

  it('--watch-only prints the header and the deletion event with the last state', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run web --image=nginx; sleep 10; kubectl delete pod web --wait=false');
    const result = await sim.exec('kubectl get pod web --watch-only');
    expect(result.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb\s+1\/1\s+Terminating/);
  });

  it('refuses watch with machine formats instead of printing half an answer', async () => {
    const sim = createSimulation({ seed: 1 });
    const result = await sim.exec('kubectl get pods -w -o json');
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(1);
  });

  it('stops at Ctrl-C when streaming to a terminal', async () => {
    // An interactive host really waits; here 5 ms of wall time per poll.
    const sim = createSimulation({ seed: 1 }, { sleep: (ms) => new Promise((r) => setTimeout(() => r(ms), 5)) });
    await sim.exec('kubectl run web --image=nginx');
    const controller = new AbortController();
    const written: string[] = [];
    const terminal = { columns: 80, rows: 24, write: (t: string) => void written.push(t) };
    setTimeout(() => controller.abort(), 50);
    const result = await sim.exec('kubectl get pods -w', { signal: controller.signal, terminal });
    expect(written.join('')).toMatch(/NAME\s+READY/);
    expect(result.exitCode).toBe(130);
  });
});
