import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

// Expected outputs are GNU findutils 4.9's xargs for the same input.
async function run(line: string) {
  return createSimulation({ seed: 1, files: { '/home/learner/names.txt': 'x\ny\n' } }).exec(line);
}
const out = async (line: string) => (await run(line)).stdout;

describe('xargs', () => {
  it('appends the input words to the command, echo by default', async () => {
    expect(await out('echo a b c | xargs echo X')).toBe('X a b c\n');
    expect(await out("printf 'a\\n\\n  b\\tc\\n' | xargs")).toBe('a b c\n');
    expect(await out('kubectl get nodes -o name | xargs -n1 echo got')).toBe('got node/control-plane\ngot node/node-1\ngot node/node-2\n');
    expect(await out('echo 1 2 3 4 5 | xargs -n 2')).toBe('1 2\n3 4\n5\n');
  });

  it('keeps quoted and escaped blanks inside one argument', async () => {
    expect(await out(`echo "'a b' c\\\\ d e" | xargs -n1`)).toBe('a b\nc d\ne\n');
    expect(await run(`echo "it's" | xargs echo`)).toMatchObject({
      stdout: '',
      exitCode: 1,
      stderr: 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n',
    });
  });

  it('replaces -I strings with whole lines', async () => {
    expect(await out("printf 'a b\\n  c\\n' | xargs -I{} echo '<{}>'")).toBe('<a b>\n<c>\n');
    expect(await out("printf 'p1\\np2\\n' | xargs -I % echo kubectl describe pod %")).toBe('kubectl describe pod p1\nkubectl describe pod p2\n');
    expect(await out('printf "" | xargs -I{} echo never {}')).toBe('');
  });

  it('takes lines with -L, delimiters with -d and -0, and files with -a', async () => {
    expect(await out("printf 'a b\\nc\\nd\\n' | xargs -L 2 echo")).toBe('a b c\nd\n');
    expect(await out("printf 'a b,c' | xargs -d, -n1")).toBe('a b\nc\n');
    expect(await out("printf 'a b\\0c\\0' | xargs -0 -n1")).toBe('a b\nc\n');
    expect(await out('xargs -a names.txt echo')).toBe('x y\n');
  });

  it('runs once on empty input unless -r, and shows commands with -t', async () => {
    expect(await out('printf "" | xargs echo ran')).toBe('ran\n');
    expect(await out('printf "" | xargs -r echo ran')).toBe('');
    expect(await run('echo a | xargs -t echo')).toMatchObject({ stdout: 'a\n', stderr: 'echo a\n' });
  });

  it('exits 123 when a run fails, 127 for a missing command', async () => {
    expect(await run('printf "a\\nb\\n" | xargs -n1 grep -q a names.txt')).toMatchObject({ exitCode: 123 });
    expect(await run('echo a | xargs nosuchcmd')).toMatchObject({ exitCode: 127, stderr: 'xargs: nosuchcmd: No such file or directory\n' });
  });

  it('rejects unknown options and bad numbers', async () => {
    expect(await run('xargs -k')).toMatchObject({ exitCode: 1, stderr: "xargs: invalid option -- 'k'\nTry 'xargs --help' for more information.\n" });
    expect(await run('xargs -n')).toMatchObject({ exitCode: 1, stderr: "xargs: option requires an argument -- 'n'\nTry 'xargs --help' for more information.\n" });
    expect((await run('echo a | xargs -n 0')).exitCode).toBe(1);
    // Options end at the command: -n here belongs to echo.
    expect(await out('echo a | xargs echo -n')).toBe('a');
    expect((await run('xargs --help')).stdout).toContain('-I R                         same as --replace=R');
  });
});
