import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';

async function run(line: string, files: Record<string, string> = {}) {
  const sim = createSimulation({ seed: 1, files });
  return sim.exec(line);
}
const out = async (line: string) => (await run(line)).stdout;

describe('text tools', () => {
  it('sort by key, numerically, reversed, unique', async () => {
    expect(await out('printf "b 2\\na 10\\nc 1\\n" | sort')).toBe('a 10\nb 2\nc 1\n');
    expect(await out('printf "b 2\\na 10\\nc 1\\n" | sort -k2 -n')).toBe('c 1\nb 2\na 10\n');
    expect(await out('printf "b 2\\na 10\\nc 1\\n" | sort -k2nr')).toBe('a 10\nb 2\nc 1\n');
    expect(await out('printf "x\\ny\\nx\\n" | sort -u')).toBe('x\ny\n');
    expect(await out('printf "a:3\\nb:1\\n" | sort -t: -k2 -n')).toBe('b:1\na:3\n');
    expect(await run('sort -z')).toMatchObject({ exitCode: 2, stderr: "sort: invalid option -- 'z'\nTry 'sort --help' for more information.\n" });
  });

  it('uniq -c counts adjacent lines', async () => {
    expect(await out('printf "a\\na\\nb\\n" | uniq -c')).toBe('      2 a\n      1 b\n');
    expect(await out('printf "a\\na\\nb\\n" | uniq -d')).toBe('a\n');
    expect((await run('uniq --bogus')).stderr).toBe("uniq: unrecognized option '--bogus'\nTry 'uniq --help' for more information.\n");
  });

  it('cut fields and characters', async () => {
    expect(await out('echo a,b,c,d | cut -d, -f2,4')).toBe('b,d\n');
    expect(await out('echo a,b,c,d | cut -d , -f 2-')).toBe('b,c,d\n');
    expect(await out('echo abcdef | cut -c1-3')).toBe('abc\n');
    expect((await run('cut -x')).stderr).toBe("cut: invalid option -- 'x'\nTry 'cut --help' for more information.\n");
    expect((await run('echo a | cut')).stderr).toContain('you must specify a list');
  });

  it('tr translates, deletes and squeezes', async () => {
    expect(await out('echo hello | tr a-z A-Z')).toBe('HELLO\n');
    expect(await out('echo hello | tr "[:lower:]" "[:upper:]"')).toBe('HELLO\n');
    expect(await out('echo "a  b   c" | tr -s " "')).toBe('a b c\n');
    expect(await out('echo a-b-c | tr -d -- -')).toBe('abc\n');
    expect(await out('echo a:b | tr : "\\n"')).toBe('a\nb\n');
  });

  it('printf, seq, tee, env, base64', async () => {
    expect(await out('printf "%-5s|%03d|%.2f\\n" ab 7 3.14159')).toBe('ab   |007|3.14\n');
    expect(await out('printf "%s\\n" a b c')).toBe('a\nb\nc\n');
    expect(await out('seq 3')).toBe('1\n2\n3\n');
    expect(await out('seq -s, 2 2 8')).toBe('2,4,6,8\n');
    expect(await out('seq -w 8 10')).toBe('08\n09\n10\n');
    expect(await out('seq 3 -1 1')).toBe('3\n2\n1\n');
    expect((await out('seq 100000000000')).length).toBeLessThanOrEqual(1024 * 1024 + 200);
    expect(await out('echo hi | tee a.txt b.txt >/dev/null; cat a.txt b.txt')).toBe('hi\nhi\n');
    expect(await out('env | grep ^USER=')).toBe('USER=learner\n');
    expect(await out('echo -n admin | base64')).toBe('YWRtaW4=\n');
    expect(await out('echo YWRtaW4= | base64 -d')).toBe('admin');
    expect(await out('echo YWRtaW4= | base64 --decode')).toBe('admin');
    expect((await run('echo %% | base64 -d')).stderr).toBe('base64: invalid input\n');
    expect((await run('base64 -q')).stderr).toBe("base64: invalid option -- 'q'\nTry 'base64 --help' for more information.\n");
  });

  it('test and [ compare strings, integers and files', async () => {
    expect(await out('[ a = a ] && echo y; [ 3 -lt 2 ] || echo n; test -z "" && echo z')).toBe('y\nn\nz\n');
    expect((await run('[ a = a')).stderr).toBe("bash: [: missing `]'\n");
    expect((await run('[ x -lt 2 ]')).stderr).toBe('bash: [: x: integer expression expected\n');
    expect(await out('echo x > f; [ -f f ] && echo file; [ -d f ] || echo notdir')).toBe('file\nnotdir\n');
  });
});

describe('watch', () => {
  it('refuses without a terminal and redraws until Ctrl-C with one', async () => {
    expect(await run('watch kubectl get nodes')).toMatchObject({ exitCode: 1, stderr: 'Error opening terminal: unknown.\n' });
    const sim = createSimulation({ seed: 1 }, { sleep: (ms) => new Promise((r) => setTimeout(() => r(ms), 5)) });
    const controller = new AbortController();
    let screen = '';
    let frames = 0;
    const terminal = { columns: 80, rows: 24, write: (t: string) => { screen += t; if (t.includes('Every')) frames++; if (frames === 3) controller.abort(); } };
    const r = await sim.exec('watch -n 1 "kubectl get nodes | wc -l"', { signal: controller.signal, terminal });
    expect(r.exitCode).toBe(130);
    expect(frames).toBe(3);
    expect(screen).toContain('Every 1.0s: kubectl get nodes | wc -l');
    expect(screen).toContain('\n\n4');
    expect(screen.endsWith('\x1b[?25h\x1b[?1049l')).toBe(true);
    expect((await run('watch -q x')).stderr).toContain("watch: invalid option -- 'q'");
  });
});

describe('yes and the output cap', () => {
  it('is cut at the output limit with a notice, and head still works', async () => {
    const r = await run('yes');
    expect(r.stdout.length).toBeLessThanOrEqual(1024 * 1024);
    expect(r.stderr).toContain('output truncated after 1048576 bytes');
    expect(await out('yes no | head -n 2')).toBe('no\nno\n');
  });
});
