import { describe, expect, it } from 'vitest';
import { SIMULATION_EPOCH_MS } from '../core/clock';
import { createSimulation, restoreSimulation, settle, SETTLE_MS } from '../simulation/simulation';

const SCRIPT = [
  'kubectl run web --image=nginx --port=80',
  'kubectl run bad --image=nginx:does-not-exist',
  'kubectl run box --image=busybox',
  'sleep 7',
  'kubectl get pods -o wide',
  'kubectl delete pod web --wait=false',
  'sleep 1',
  'kubectl get pods -A -o wide',
  'sleep 90',
  'kubectl get pods -o wide',
];

async function transcript(sim: ReturnType<typeof createSimulation>, lines: string[]): Promise<string> {
  let out = '';
  for (const line of lines) {
    const r = await sim.exec(line);
    out += `$ ${line}\n${r.combined}[${r.exitCode}]\n`;
  }
  return out;
}

describe('createSimulation', () => {
  it('is deterministic: same seed, byte-identical output', async () => {
    const a = await transcript(createSimulation({ seed: 42 }), SCRIPT);
    const b = await transcript(createSimulation({ seed: 42 }), SCRIPT);
    expect(a).toBe(b);
    const c = await transcript(createSimulation({ seed: 43 }), SCRIPT);
    expect(c).not.toBe(a);
  });

  it('round-trips a snapshot exactly, mid-lifecycle', async () => {
    const original = createSimulation({ seed: 7 });
    await transcript(original, SCRIPT.slice(0, 4));
    const snap = original.snapshot();
    const json = JSON.parse(JSON.stringify(snap));
    const restored = restoreSimulation(json);
    expect(restored.snapshot()).toEqual(snap);
    const rest = SCRIPT.slice(4);
    expect(await transcript(restored, rest)).toBe(await transcript(original, rest));
    expect(restored.now()).toBe(original.now());
    expect(restored.generation()).toBe(original.generation());
  });

  it('runs a whole multi-line script through exec, and keeps going after a failing line', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('kubectl run a --image=nginx\nkubectl get pod nope\nkubectl run b --image=nginx\n', { history: false });
    expect(r.stdout).toBe('pod/a created\npod/b created\n');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.exitCode).toBe(0);
    expect((await sim.exec('history')).stdout).toBe('    1  history\n');
  });

  it('sleep only moves the simulated clock by default; a host hook can really wait', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('sleep 2.5');
    expect(sim.now()).toBe(SIMULATION_EPOCH_MS + 2500);
    const waits: number[] = [];
    const hosted = createSimulation({ seed: 1 }, { sleep: async (ms) => { waits.push(ms); } });
    await hosted.exec('sleep 1; sleep 1m');
    expect(waits).toEqual([1000, 60_000]);
    expect(hosted.now()).toBe(SIMULATION_EPOCH_MS + 61_000);
  });

  it('an interrupted wait stops kubectl delete from waiting but keeps the delete', async () => {
    const sim = createSimulation({ seed: 1 }, { sleep: async () => 0 });
    await sim.exec('kubectl run s --image=busybox -- sleep 3600');
    settle(sim);
    const r = await sim.exec('kubectl delete pod s');
    expect(r.stdout).toBe('pod "s" deleted from default namespace\n');
    expect(sim.get('pods', 'default', 's')).toBeDefined();
    expect((sim.get('pods', 'default', 's') as { metadata: { deletionTimestamp?: string } }).metadata.deletionTimestamp).toBeDefined();
  });

  it('settle lets a created pod reach Running and exposes it through get/list', async () => {
    const sim = createSimulation({ seed: 3 });
    await sim.exec('kubectl run web --image=nginx');
    const before = sim.generation();
    settle(sim);
    expect(sim.generation()).toBeGreaterThan(before);
    expect(SETTLE_MS).toBeGreaterThanOrEqual(30_000);
    const pod = sim.get('pods', 'default', 'web') as { status: { phase: string; podIP: string } };
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.podIP).toMatch(/^10\.244\.[12]\.2$/);
    expect(sim.list('pods', 'kube-system')).toHaveLength(13);
    expect(sim.list('nodes')).toHaveLength(3);
    expect(sim.get('widgets', 'default', 'kubernetes')).toBeUndefined();
  });

  it('answers a parse error and a too-long input with bash-style messages, never a throw', async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec('echo "unterminated')).toMatchObject({ exitCode: 2, stderr: 'bash: unexpected EOF while looking for matching `"\'\n' });
    expect(await sim.exec('&& ls')).toMatchObject({ exitCode: 2, stderr: "bash: syntax error near unexpected token `&&'\n" });
    const huge = await sim.exec(`echo ${'x'.repeat(300 * 1024)}`);
    expect(huge.exitCode).toBe(2);
    expect(huge.stderr).toMatch(/^bash: input too long/);
  });

  it('shows the prompt of the workstation', () => {
    expect(createSimulation({ seed: 1 }).prompt()).toBe('learner@workstation:~$ ');
  });
});
