import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

// Expected outputs are GNU grep 3.11's for the same input.
const NINE = 'a\nb\nmatch1\nc\nd\ne\nf\nmatch2\ng\n';
async function run(line: string, files: Record<string, string> = {}) {
  return createSimulation({ seed: 1, files: { '/home/learner/f.txt': NINE, ...files } }).exec(line);
}
const out = async (line: string, files: Record<string, string> = {}) => (await run(line, files)).stdout;

describe('grep context lines', () => {
  it('prints trailing, leading and surrounding context with -- between groups', async () => {
    expect(await out('grep -A1 match f.txt')).toBe('match1\nc\n--\nmatch2\ng\n');
    expect(await out('grep -B 1 match f.txt')).toBe('b\nmatch1\n--\nf\nmatch2\n');
    expect(await out('grep -n -C1 match f.txt')).toBe('2-b\n3:match1\n4-c\n--\n7-f\n8:match2\n9-g\n');
    expect(await out('grep --context=1 match1 f.txt')).toBe('b\nmatch1\nc\n');
    expect(await out('cat f.txt | grep -1 match2')).toBe('f\nmatch2\ng\n');
  });

  it('joins adjacent or overlapping groups without a separator', async () => {
    expect(await out('grep -C2 match f.txt')).toBe(NINE);
    expect(await out('grep -A1 "^[bc]$" f.txt')).toBe('b\nmatch1\nc\nd\n');
  });

  it('prints the separator even for -A 0, and honours the separator options', async () => {
    expect(await out('grep -A0 match f.txt')).toBe('match1\n--\nmatch2\n');
    expect(await out('grep -A1 --no-group-separator match f.txt')).toBe('match1\nc\nmatch2\ng\n');
    expect(await out('grep -A1 --group-separator=XX match f.txt')).toBe('match1\nc\nXX\nmatch2\ng\n');
    expect(await out('grep match f.txt')).toBe('match1\nmatch2\n');
  });

  it('lets an explicit -A / -B win over -C whatever the order', async () => {
    expect(await out('grep -A0 -C1 match1 f.txt')).toBe('b\nmatch1\n');
    expect(await out('grep -C1 -B0 match1 f.txt')).toBe('match1\nc\n');
  });

  it('separates groups of different files and prefixes context lines with -', async () => {
    const files = { '/home/learner/g.txt': 'match3\nz\n' };
    expect(await out('grep -A1 match f.txt g.txt', files)).toBe('f.txt:match1\nf.txt-c\n--\nf.txt:match2\nf.txt-g\n--\ng.txt:match3\ng.txt-z\n');
    expect(await out('grep -Hn -B1 match3 g.txt', files)).toBe('g.txt:1:match3\n');
  });

  it('stops after -m matches but still prints their trailing context', async () => {
    expect(await out('grep -m1 -A1 match f.txt')).toBe('match1\nc\n');
    expect(await out('grep -c -m 1 match f.txt')).toBe('1\n');
  });

  it('rejects bad context lengths and missing values like GNU grep', async () => {
    expect(await run('grep -A x match f.txt')).toMatchObject({ exitCode: 2, stdout: '', stderr: 'grep: x: invalid context length argument\n' });
    expect(await run('grep match f.txt -A')).toMatchObject({
      exitCode: 2,
      stderr: "grep: option requires an argument -- 'A'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
    });
    expect((await run('grep match f.txt --after-context')).stderr).toBe("grep: option '--after-context' requires an argument\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
  });
});

describe('grep selection and output', () => {
  it('matches whole lines, lists files, hides names and counts', async () => {
    const files = { '/home/learner/g.txt': 'match3\nz\n' };
    expect(await out('grep -x "match." f.txt')).toBe('match1\nmatch2\n');
    expect(await out('grep -x "match" f.txt; echo $?')).toBe('1\n');
    expect(await out('grep -l match3 f.txt g.txt', files)).toBe('g.txt\n');
    expect(await out('grep -L match3 f.txt g.txt', files)).toBe('f.txt\n');
    expect(await out('grep -h match f.txt g.txt', files)).toBe('match1\nmatch2\nmatch3\n');
    expect(await out('grep -c match f.txt g.txt', files)).toBe('f.txt:2\ng.txt:1\n');
  });

  it('prints only the matches with -o, and nothing for -o -v', async () => {
    expect(await out("echo 'x=10.0.0.1 y=10.0.0.2' | grep -oE '[0-9]+(\\.[0-9]+){3}'")).toBe('10.0.0.1\n10.0.0.2\n');
    expect(await run('grep -ov match f.txt')).toMatchObject({ stdout: '', exitCode: 0 });
  });

  it('understands POSIX classes and GNU word edges in basic expressions', async () => {
    expect(await out("echo 'tcp dpt:8080 x' | grep -o '[[:digit:]]\\+'")).toBe('8080\n');
    expect(await out("echo 'ab b' | grep -o '\\<b'")).toBe('b\n');
    expect(await out("echo 'a*b' | grep -o '*b'")).toBe('*b\n');
    expect(await out("echo 'a|b' | grep 'a|b'")).toBe('a|b\n');
    expect(await out("printf 'a\\nb\\n' | grep 'a\\|b'")).toBe('a\nb\n');
  });

  it('is silent about missing files with -s but still exits 2', async () => {
    expect(await run('grep -s match nope.txt f.txt')).toMatchObject({ stdout: 'f.txt:match1\nf.txt:match2\n', stderr: '', exitCode: 2 });
    expect(await run('grep match nope.txt')).toMatchObject({ stderr: 'grep: nope.txt: No such file or directory\n', exitCode: 2 });
    expect(await run('grep -q match nope.txt f.txt')).toMatchObject({ stdout: '', exitCode: 0 });
  });

  it('rejects unknown options with the usage lines and exit 2', async () => {
    expect(await run('grep -k x')).toMatchObject({ exitCode: 2, stderr: "grep: invalid option -- 'k'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" });
    expect(await run('grep --bogus x')).toMatchObject({ exitCode: 2, stderr: "grep: unrecognized option '--bogus'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" });
    expect(await run('grep --color=sometimes x f.txt')).toMatchObject({ exitCode: 2, stderr: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" });
    expect(await out('grep --color=never -c match f.txt')).toBe('2\n');
    expect((await run('grep --help')).stdout).toContain('  -A, --after-context=NUM   print NUM lines of trailing context\n');
  });
});

// POSIX BRE (and GNU grep): `^` and `$` anchor only at the start and end of the pattern or of a
// \( \) group; elsewhere they are literal characters. ERE keeps them as anchors anywhere.
describe('grep BRE anchors', () => {
  it('treats a $ in the middle of a basic pattern as a literal dollar', async () => {
    const files = { '/home/learner/n.conf': '\tset $service_name   "web";\n\tset $service_port "80";\nprice 5$\n' };
    expect(await out("grep 'set $service_name' n.conf", files)).toBe('\tset $service_name   "web";\n');
    expect(await out("grep '5$' n.conf", files)).toBe('');
    expect(await out("grep -c ';$' n.conf", files)).toBe('2\n');
    expect(await out("grep 'a^b' n.conf", { '/home/learner/n.conf': 'a^b\nab\n' })).toBe('a^b\n');
    expect(await out("grep -E 'set $service' n.conf", files)).toBe('');
  });
});
