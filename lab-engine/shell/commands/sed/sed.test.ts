import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

async function run(line: string) {
  return createSimulation({ seed: 1 }).exec(line);
}
const out = async (line: string) => (await run(line)).stdout;

describe('sed', () => {
  it('substitutes, prints and deletes', async () => {
    expect(await out("echo 'a-a-a' | sed 's/a/b/'")).toBe('b-a-a\n');
    expect(await out("echo 'a-a-a' | sed 's/a/b/g'")).toBe('b-b-b\n');
    expect(await out("echo 'a-a-a' | sed 's|a|[&]|2'")).toBe('a-[a]-a\n');
    expect(await out("echo 'key: value' | sed 's/\\(.*\\): \\(.*\\)/\\2=\\1/'")).toBe('value=key\n');
    expect(await out("echo 'key: value' | sed -E 's/(.*): (.*)/\\2=\\1/'")).toBe('value=key\n');
    expect(await out("printf 'a\\nb\\nc\\n' | sed -n '2p'")).toBe('b\n');
    expect(await out("printf 'a\\nb\\nc\\n' | sed '/b/d'")).toBe('a\nc\n');
    expect(await out("printf 'a\\nb\\nc\\nd\\n' | sed -n '2,3p'")).toBe('b\nc\n');
    expect(await out("printf 'a\\nb\\nc\\n' | sed '1d; s/c/C/'")).toBe('b\nC\n');
    expect(await out("printf 'a\\nb\\n' | sed -n '$p'")).toBe('b\n');
    expect(await out("printf 'a\\nb\\n' | sed '/a/!d'")).toBe('a\n');
  });

  it('edits files in place and rejects bad scripts like GNU sed', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('echo "image: nginx:1.25" > pod.yaml; sed -i "s/1.25/1.27/" pod.yaml');
    expect((await sim.exec('cat pod.yaml')).stdout).toBe('image: nginx:1.27\n');
    expect(await run("sed 's/a/b'")).toMatchObject({ exitCode: 1, stderr: "sed: -e expression #1, char 5: unterminated `s' command\n" });
    expect(await run("sed 'k'")).toMatchObject({ exitCode: 1, stderr: "sed: -e expression #1, char 1: unknown command: `k'\n" });
    expect((await run('sed -z p')).stderr).toContain("sed: invalid option -- 'z'");
  });
});
