import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

async function run(line: string) {
  return createSimulation({ seed: 1 }).exec(line);
}
const out = async (line: string) => (await run(line)).stdout;

describe('awk', () => {
  it('prints fields, NR, NF and matches patterns', async () => {
    expect(await out("kubectl get nodes --no-headers | awk '{print $1}'")).toBe('control-plane\nnode-1\nnode-2\n');
    expect(await out("kubectl get nodes | awk 'NR>1 {print NR-1, $1, NF}'")).toBe('1 control-plane 5\n2 node-1 5\n3 node-2 5\n');
    expect(await out("kubectl get nodes | awk '/node-/ {print $1}'")).toBe('node-1\nnode-2\n');
    expect(await out("kubectl get nodes | awk '$1 ~ /^node/ && $1 != \"node-2\"' | cut -c1-6")).toBe('node-1\n');
    expect(await out("echo a:b:c | awk -F: '{print $2, $NF}'")).toBe('b c\n');
    expect(await out("printf 'x 1\\ny 2\\nx 3\\n' | awk '{s[$1]+=$2} END {for (k in s) print k, s[k]}'")).toBe('x 4\ny 2\n');
    expect(await out("printf '3\\n10\\n' | awk '$1 > 5'")).toBe('10\n');
    expect(await out("echo 'a b' | awk -v p=pre '{printf \"%s-%s:%d\\n\", p, toupper($2), length($1)}'")).toBe('pre-B:1\n');
    expect(await out("echo 'a b c' | awk '{$2=\"X\"; print; print NF}'")).toBe('a X c\n3\n');
    expect(await out("echo 10.5 | awk '{print $1/2, int($1)}'")).toBe('5.25 10\n');
    expect(await out("printf 'a\\nb\\nc\\n' | awk 'NR==2{next} {print} END{print NR}'")).toBe('a\nc\n3\n');
  });

  it('rejects bad programs and flags like gawk, and stops endless loops', async () => {
    expect(await run("awk '{print $1'")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('syntax error') });
    expect(await run("awk -z '{}'")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining("awk: invalid option -- 'z'") });
    expect(await run("awk 'BEGIN { while (1) x++ }'")).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('stopped after') });
  });
});
