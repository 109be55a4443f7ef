// Expected outputs: GNU coreutils 9.4 basename(1) (its --help examples) and BusyBox 1.37
// coreutils/basename.c usage text (mirror/busybox at 371fe9f).
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('basename', () => {
  it('strips directories, trailing slashes and a suffix, as coreutils', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('basename /usr/bin/sort')).stdout).toBe('sort\n');
    expect((await sim.exec('basename include/stdio.h .h')).stdout).toBe('stdio\n');
    expect((await sim.exec('basename -s .h include/stdio.h a/b.h')).stdout).toBe('stdio\nb\n');
    expect((await sim.exec('basename -a any/str1 any/str2/')).stdout).toBe('str1\nstr2\n');
    expect((await sim.exec('basename / ; basename .h .h')).stdout).toBe('/\n.h\n');
    expect(await sim.exec('basename')).toMatchObject({ exitCode: 1, stderr: "basename: missing operand\nTry 'basename --help' for more information.\n" });
    expect(await sim.exec('basename a b c')).toMatchObject({ exitCode: 1, stderr: "basename: extra operand ‘c’\nTry 'basename --help' for more information.\n" });
    expect(await sim.exec('basename -q x')).toMatchObject({ exitCode: 1, stderr: "basename: invalid option -- 'q'\nTry 'basename --help' for more information.\n" });
  });

  it('answers with BusyBox usage in a busybox pod', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run bb --image=busybox -- sleep infinity');
    settle(sim);
    expect((await sim.exec('kubectl exec bb -- basename /a/b.txt .txt')).stdout).toBe('b\n');
    const bad = await sim.exec('kubectl exec bb -- basename');
    expect(bad.stderr).toContain('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: basename FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...\n');
  });
});
