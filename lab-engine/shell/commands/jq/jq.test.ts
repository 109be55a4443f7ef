import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

async function run(line: string) {
  return createSimulation({ seed: 1 }).exec(line);
}
const out = async (line: string) => (await run(line)).stdout;

describe('jq', () => {
  it('walks kubectl JSON', async () => {
    expect(await out("kubectl get nodes -o json | jq -r '.items[].metadata.name'")).toBe('control-plane\nnode-1\nnode-2\n');
    expect(await out("kubectl get nodes -o json | jq '.items | length'")).toBe('3\n');
    expect(await out("kubectl get nodes -o json | jq -c '[.items[] | select(.metadata.name | startswith(\"node\")) | .metadata.name]'")).toBe('["node-1","node-2"]\n');
    expect(await out("kubectl get nodes -o json | jq -r '.items[0] | \"\\(.metadata.name) \\(.kind)\"'")).toBe('control-plane Node\n');
  });

  it('formats like jq and handles the common builtins', async () => {
    expect(await out(`echo '{"a":1,"b":[1,2]}' | jq .`)).toBe('{\n  "a": 1,\n  "b": [\n    1,\n    2\n  ]\n}\n');
    expect(await out(`echo '{"a":1,"b":[1,2]}' | jq -c '{x: .a, b}'`)).toBe('{"x":1,"b":[1,2]}\n');
    expect(await out(`echo '{"b":2,"a":1}' | jq -c 'keys, to_entries[0], (.c // "none")'`)).toBe('["a","b"]\n{"key":"b","value":2}\n"none"\n');
    expect(await out(`echo '[3,1,2]' | jq -c 'sort, map(. * 2), add, .[1:]'`)).toBe('[1,2,3]\n[6,2,4]\n6\n[1,2]\n');
    expect(await out(`echo '1 2' | jq -s -c .`)).toBe('[1,2]\n');
    expect(await out(`jq -n --arg x hi '$x'`)).toBe('"hi"\n');
  });

  it('reports errors with jq exit codes', async () => {
    expect(await run(`echo '[1]' | jq .foo`)).toMatchObject({ exitCode: 5, stderr: 'jq: error (at <stdin>:0): Cannot index array with "foo"\n' });
    expect(await run(`echo '{' | jq .`)).toMatchObject({ exitCode: 2 });
    expect(await run(`echo '{}' | jq '.['`)).toMatchObject({ exitCode: 3, stderr: expect.stringContaining('compile error') });
    expect(await run(`jq -Z .`)).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('Unknown option: -Z') });
  });
});
