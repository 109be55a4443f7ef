import { describe, expect, it } from 'vitest';
import { createSimulation } from './simulation';

async function run(line: string) {
  const sim = createSimulation({ seed: 1 });
  return sim.exec(line);
}

describe('interpreter', () => {
  it('pipes stdout into text filters', async () => {
    expect((await run('kubectl get pods -A | grep coredns | wc -l')).stdout).toBe('2\n');
    expect((await run('kubectl get nodes | head -n 2')).stdout.split('\n')).toHaveLength(3);
    expect((await run('kubectl get nodes --no-headers | tail -1')).stdout).toMatch(/^node-2 /);
    expect((await run('echo a b c | wc')).stdout).toBe('      1       3       6\n');
  });

  it('runs && and || by exit status and sets $?', async () => {
    expect((await run('false && echo no || echo yes; echo $?')).stdout).toBe('yes\n0\n');
    expect((await run('kubectl get pod x; echo $?')).stdout).toBe('1\n');
  });

  it('answers an unknown command with exit 127', async () => {
    expect(await run('nope')).toMatchObject({ stdout: '', stderr: 'bash: nope: command not found\n', exitCode: 127 });
  });

  it('redirects into the virtual filesystem and reads it back', async () => {
    const sim = createSimulation({ seed: 1, files: { '/lab/app.txt': 'one\ntwo\n' } });
    expect((await sim.exec('cat /lab/app.txt | grep -c o')).stdout).toBe('2\n');
    expect((await sim.exec('echo hi > out.txt; echo there >> out.txt; cat out.txt')).stdout).toBe('hi\nthere\n');
    expect((await sim.exec('kubectl get pod x 2>&1 | wc -l')).stdout).toBe('1\n');
    expect((await sim.exec('kubectl get pod x 2>/dev/null')).combined).toBe('');
    expect((await sim.exec('cat <<EOF\nuser=$USER\nEOF')).stdout).toBe('user=learner\n');
  });

  it('keeps stderr and stdout in write order for the terminal', async () => {
    const r = await run('kubectl get pod x; echo after');
    expect(r.combined).toBe('Error from server (NotFound): pods "x" not found\nafter\n');
  });

  it('grep follows basic regular expressions and GNU exit codes', async () => {
    expect((await run("echo 'a|b' | grep 'a|b'")).stdout).toBe('a|b\n');
    expect((await run("echo ab | grep 'x\\|b'")).stdout).toBe('ab\n');
    expect((await run('echo ab | grep -E "x|b"')).stdout).toBe('ab\n');
    expect((await run('echo ab | grep -q zz')).exitCode).toBe(1);
    expect((await run('grep -z a')).exitCode).toBe(2);
  });

  it('sleep rejects bad intervals like coreutils', async () => {
    expect(await run('sleep')).toMatchObject({ exitCode: 1, stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n" });
    expect((await run('sleep x')).stderr).toBe("sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n");
  });

  it('clear emits the xterm clear sequence; history lists numbered entries', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('clear')).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
    await sim.exec('echo one');
    expect((await sim.exec('history 2')).stdout).toBe('    2  echo one\n    3  history 2\n');
  });
});
