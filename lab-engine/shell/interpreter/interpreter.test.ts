import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';

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

describe('shell semantics', () => {
  it('substitutes commands, strips trailing newlines and splits unquoted results', async () => {
    expect((await run('echo "n=$(kubectl get nodes --no-headers | wc -l)"')).stdout).toBe('n=3\n');
    expect((await run('for n in $(kubectl get nodes -o name); do echo "<$n>"; done')).stdout).toBe('<node/control-plane>\n<node/node-1>\n<node/node-2>\n');
    expect((await run('x="a  b"; echo $x; echo "$x"')).stdout).toBe('a b\na  b\n');
    expect((await run('e=; echo [$e] ["$e"]; for w in $e; do echo never; done')).stdout).toBe('[] []\n');
    expect((await run('echo `echo back` $(echo $(echo nested))')).stdout).toBe('back nested\n');
    expect((await run('x=$(false); echo $?')).stdout).toBe('1\n');
  });

  it('runs for, while, until, if and groups, with break and continue', async () => {
    expect((await run('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done')).stdout).toBe('0\n1\n2\n');
    expect((await run('i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i')).stdout).toBe('2\n');
    expect((await run('for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done')).stdout).toBe('1\n3\n');
    expect((await run('if false; then echo a; elif true; then echo b; else echo c; fi')).stdout).toBe('b\n');
    expect((await run('{ echo one; echo two; } | wc -l')).stdout).toBe('2\n');
    expect((await run('printf "a 1\\nb 2\\n" | while read name n; do echo "$n:$name"; done')).stdout).toBe('1:a\n2:b\n');
    expect((await run('echo $((7 / 2)) $((2 ** 10)) $((1 / 0))')).stderr).toContain('division by 0');
  });

  it('stops a runaway loop at the iteration limit, not a hang', async () => {
    const r = await run('while true; do :; done');
    expect(r.stderr).toMatch(/more than 2000 commands|loop stopped after/);
    expect(r.exitCode).not.toBe(0);
    const counted = await run('n=0; for i in $(seq 3000); do n=$((n+1)); done; echo $n');
    expect(counted.stderr).toContain('more than 2000 commands');
  });

  it('stops at the CPU budget and on Ctrl-C (the signal)', async () => {
    const sim = createSimulation({ seed: 1 });
    const controller = new AbortController();
    const pending = sim.exec('while true; do sleep 1; done', { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    expect((await pending).exitCode).toBe(130);
    expect((await sim.exec('echo $?')).stdout).toBe('130\n');
    const spun = await sim.exec('while true; do :; done', { cpuBudgetMs: 1 });
    expect(spun).toMatchObject({ exitCode: 152, stderr: 'bash: stopped: this input used more than 0.001 s of CPU\n' });
  });

  it('writes here-documents and loop output into files', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('cat > svc.yaml <<EOF\nkind: Service\nname: $USER\nEOF');
    expect((await sim.exec('cat svc.yaml')).stdout).toBe('kind: Service\nname: learner\n');
    await sim.exec('for i in 1 2; do echo $i; done > nums.txt');
    expect((await sim.exec('cat nums.txt; wc -l < nums.txt; cat <<< "here $USER"')).stdout).toBe('1\n2\n2\nhere learner\n');
  });

  it('streams output to the terminal as it is written', async () => {
    const sim = createSimulation({ seed: 1 });
    const seen: string[] = [];
    const r = await sim.exec('echo a; echo b >&2; echo c | cat', { onOutput: (t) => seen.push(t) });
    expect(seen.join('')).toBe(r.combined);
    expect(seen).toEqual(['a\n', 'b\n', 'c\n']);
  });
});
