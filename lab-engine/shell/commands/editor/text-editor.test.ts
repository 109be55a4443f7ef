import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';
import type { TerminalIo } from '../../command-types';

function fakeTerminal() {
  let handler: ((d: string) => void) | null = null;
  let screen = '';
  const terminal: TerminalIo = {
    columns: 80,
    rows: 10,
    write: (t) => { screen += t; },
    takeInput: (h) => { handler = h; return () => { handler = null; }; },
  };
  const keys = async (...chunks: string[]) => {
    for (const c of chunks) {
      while (!handler) await new Promise((r) => setTimeout(r, 1));
      handler(c);
    }
  };
  return { terminal, keys, screen: () => screen };
}

describe('editors', () => {
  it('vi edits a file: insert, Esc, dd, :wq', async () => {
    const sim = createSimulation({ seed: 1, files: { '/home/learner/pod.yaml': 'kind: Pod\nname: old\n' } });
    const t = fakeTerminal();
    const pending = sim.exec('vi pod.yaml', { terminal: t.terminal });
    await t.keys('j', 'dd', 'o', 'name: web', '\x1b', ':wq', '\r');
    expect((await pending).exitCode).toBe(0);
    expect(sim.fs.read('pod.yaml')).toBe('kind: Pod\nname: web\n');
    expect(t.screen()).toContain('\x1b[?1049h');
  });

  it('vi refuses :q with changes, :q! drops them', async () => {
    const sim = createSimulation({ seed: 1, files: { '/home/learner/a.txt': 'x\n' } });
    const t = fakeTerminal();
    const pending = sim.exec('vi a.txt', { terminal: t.terminal });
    await t.keys('x', ':q\r');
    expect(t.screen()).toContain('E37: No write since last change');
    await t.keys(':q!\r');
    await pending;
    expect(sim.fs.read('a.txt')).toBe('x\n');
  });

  it('nano writes with Ctrl-O and exits with Ctrl-X; arrows move', async () => {
    const sim = createSimulation({ seed: 1 });
    const t = fakeTerminal();
    const pending = sim.exec('nano new.txt', { terminal: t.terminal });
    await t.keys('line two', '\x1b[H', 'one\r', '\x0f', '\x18');
    await pending;
    expect(sim.fs.read('new.txt')).toBe('one\nline two\n');
  });

  it('refuse without a terminal', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('vi x')).stderr).toBe('vi: not a terminal; open the editor at the prompt\n');
  });
});
