import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

// Expected outputs are GNU coreutils 9.4's for the same input.
async function run(line: string) {
  return createSimulation({ seed: 1, files: { '/home/learner/n.txt': '1\n2\n3\n4\n', '/home/learner/p.txt': 'x\ny' } }).exec(line);
}
const out = async (line: string) => (await run(line)).stdout;

describe('head and tail', () => {
  it('takes the first or last lines, -N and -n N alike', async () => {
    expect(await out('head -n 2 n.txt')).toBe('1\n2\n');
    expect(await out('head -3 n.txt')).toBe('1\n2\n3\n');
    expect(await out('tail -n1 n.txt')).toBe('4\n');
    expect(await out('seq 20 | tail -2')).toBe('19\n20\n');
    expect(await out('seq 20 | head | tail -n 1')).toBe('10\n');
  });

  it('tail -n +N starts at line N, head -n -N drops the last N', async () => {
    expect(await out('tail -n +2 n.txt')).toBe('2\n3\n4\n');
    expect(await out('tail -n +0 n.txt')).toBe('1\n2\n3\n4\n');
    expect(await out('kubectl get nodes | tail -n +2 | wc -l')).toBe('3\n');
    expect(await out('head -n -1 n.txt')).toBe('1\n2\n3\n');
    expect(await out('head -n -9 n.txt')).toBe('');
  });

  it('counts bytes with -c and keeps a missing final newline missing', async () => {
    expect(await out('head -c 3 n.txt')).toBe('1\n2');
    expect(await out('tail -c 2 n.txt')).toBe('4\n');
    expect(await out('tail -n 1 p.txt')).toBe('y');
  });

  it('prints headers for several files unless -q, and for one with -v', async () => {
    expect(await out('head -n1 n.txt p.txt')).toBe('==> n.txt <==\n1\n\n==> p.txt <==\nx\n');
    expect(await out('head -qn1 n.txt p.txt')).toBe('1\nx\n');
    expect(await out('echo a | head -v')).toBe('==> standard input <==\na\n');
  });

  it('answers bad numbers, options and files as coreutils does', async () => {
    expect(await run('head -n x n.txt')).toMatchObject({ exitCode: 1, stderr: 'head: invalid number of lines: ‘x’\n' });
    expect(await run('tail -c x n.txt')).toMatchObject({ exitCode: 1, stderr: 'tail: invalid number of bytes: ‘x’\n' });
    expect(await run('head -k')).toMatchObject({ exitCode: 1, stderr: "head: invalid option -- 'k'\nTry 'head --help' for more information.\n" });
    expect(await run('tail --bogus')).toMatchObject({ exitCode: 1, stderr: "tail: unrecognized option '--bogus'\nTry 'tail --help' for more information.\n" });
    expect(await run('head -n')).toMatchObject({ exitCode: 1, stderr: "head: option requires an argument -- 'n'\nTry 'head --help' for more information.\n" });
    expect(await run('head nope')).toMatchObject({ exitCode: 1, stderr: "head: cannot open 'nope' for reading: No such file or directory\n" });
    expect((await run('tail --help')).stdout).toContain('or use -n +NUM to skip NUM-1 lines at the start');
  });
});
