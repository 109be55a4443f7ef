// Expected outputs: util-linux 2.39 column(1): -t aligns with two spaces and leaves the last
// column unpadded; -s sets the input separators, -o the output one; getopt's "invalid option".
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

describe('column', () => {
  it('-t lines fields up, -s and -o change the separators, -N names the columns', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec("printf 'NAME IP\\nweb-1 10.244.1.5\\n\\ndb 10.244.2.17\\n' | column -t")).stdout).toBe('NAME   IP\nweb-1  10.244.1.5\ndb     10.244.2.17\n');
    expect((await sim.exec("printf 'a:b:c\\nlonger:x:y\\n' | column -t -s: -o ' | '")).stdout).toBe('a      | b | c\nlonger | x | y\n');
    expect((await sim.exec("printf '1 2\\n' | column -t -N A,B")).stdout).toBe('A  B\n1  2\n');
  });

  it('fills 80 columns with tab stops without -t, and rejects unknown options', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('seq 1 5 | column')).stdout).toBe('1\t2\t3\t4\t5\n');
    expect((await sim.exec('seq 1 4 | column -c 16')).stdout).toBe('1\t3\n2\t4\n');
    expect(await sim.exec('column -q')).toMatchObject({ exitCode: 1, stderr: "column: invalid option -- 'q'\nTry 'column --help' for more information.\n" });
    expect(await sim.exec('column nope.txt')).toMatchObject({ exitCode: 1, stderr: 'column: cannot open nope.txt: No such file or directory\n' });
  });
});
