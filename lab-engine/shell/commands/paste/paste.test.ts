// Expected outputs: GNU coreutils 9.4 paste(1): TAB by default, -d LIST cycled with \n \t \\ \0
// escapes, -s serial, `-` repeated shares stdin; missing files as "paste: F: No such file...".
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

describe('paste', () => {
  it('joins files side by side, or each file into one line with -s', async () => {
    const sim = createSimulation({ seed: 1, files: { '/home/learner/a': '1\n2\n3\n', '/home/learner/b': 'x\ny\n' } });
    expect((await sim.exec('paste a b')).stdout).toBe('1\tx\n2\ty\n3\t\n');
    expect((await sim.exec('paste -d, a b')).stdout).toBe('1,x\n2,y\n3,\n');
    expect((await sim.exec('paste -s a b')).stdout).toBe('1\t2\t3\nx\ty\n');
    expect((await sim.exec("paste -s -d '+' a")).stdout).toBe('1+2+3\n');
    expect((await sim.exec("seq 6 | paste -d ':\\n' - - -")).stdout).toBe('1:2\n3\n4:5\n6\n');
    expect((await sim.exec('seq 4 | paste - -')).stdout).toBe('1\t2\n3\t4\n');
  });

  it('answers a missing file and a bad option as coreutils', async () => {
    const sim = createSimulation({ seed: 1 });
    expect(await sim.exec('paste nope')).toMatchObject({ exitCode: 1, stderr: 'paste: nope: No such file or directory\n' });
    expect(await sim.exec('paste -x')).toMatchObject({ exitCode: 1, stderr: "paste: invalid option -- 'x'\nTry 'paste --help' for more information.\n" });
  });
});
