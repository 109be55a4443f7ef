import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import type { TerminalIo } from '../../command-types';

function fakeTerminal() {
  let handler: ((d: string) => void) | null = null;
  let screen = '';
  const terminal: TerminalIo = { columns: 100, rows: 40, write: (t) => { screen += t; }, takeInput: (h) => { handler = h; return () => { handler = null; }; } };
  const keys = async (...chunks: string[]) => {
    for (const c of chunks) {
      while (!handler) await new Promise((r) => setTimeout(r, 1));
      handler(c);
    }
  };
  return { terminal, keys, screen: () => screen };
}

async function withService() {
  const sim = createSimulation({ seed: 1 });
  expect((await sim.exec('kubectl create deployment web --image=nginx --port=80')).exitCode).toBe(0);
  expect((await sim.exec('kubectl expose deployment web --port=80')).exitCode).toBe(0);
  settle(sim);
  return sim;
}

describe('kubectl edit', () => {
  it('opens the object under kubectl\'s header; a saved change is applied and reported "edited"', async () => {
    const sim = await withService();
    const t = fakeTerminal();
    const pending = sim.exec('kubectl edit deployment web', { terminal: t.terminal });
    // vi: find "replicas: 1", change the 1 to 3, write and quit.
    await t.keys('/replicas: 1\r', '$', 'r3', ':wq\r');
    const r = await pending;
    expect(r).toMatchObject({ exitCode: 0, stdout: 'deployment.apps/web edited\n' });
    expect(t.screen()).toContain("# Please edit the object below. Lines beginning with a '#' will be ignored,");
    settle(sim);
    expect(sim.cluster.get('deployments', 'default', 'web')!.spec.replicas).toBe(3);
  });

  it('quitting without a change cancels', async () => {
    const sim = await withService();
    const t = fakeTerminal();
    const pending = sim.exec('kubectl edit svc/web', { terminal: t.terminal });
    await t.keys(':q\r');
    expect(await pending).toMatchObject({ exitCode: 0, stdout: 'Edit cancelled, no changes made.\n' });
  });

  it('an immutable field is refused with the API server\'s error, and a copy of the edit is kept', async () => {
    const sim = await withService();
    const ip = sim.cluster.get('services', 'default', 'web')!.spec.clusterIP!;
    const t = fakeTerminal();
    const pending = sim.exec('kubectl edit svc web', { terminal: t.terminal });
    await t.keys(`/clusterIP: ${ip}\r`, '$', 'x', 'a9', '\x1b', ':wq\r');
    const r = await pending;
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^The Service "web" is invalid: spec\.clusterIPs\[0\]: Invalid value: \[\]string\{"[\d.]+"\}: may not change once set\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d{10}\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
    expect(sim.cluster.get('services', 'default', 'web')!.spec.clusterIP).toBe(ip);
    const copy = /stored to "([^"]+)"/.exec(r.stderr)![1];
    expect(sim.fs.read(copy)).toContain('kind: Service');
  });

  it('refuses to run without a terminal, and names what is missing', async () => {
    const sim = await withService();
    expect((await sim.exec('kubectl edit deploy web')).stderr).toBe('error: kubectl edit opens an editor: run it at the prompt, not in a script or a pipe\n');
    expect((await sim.exec('kubectl edit deploy nope', { terminal: fakeTerminal().terminal })).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
  });
});
