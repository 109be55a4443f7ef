// Expected outputs: GNU coreutils 9.4 dirname(1) (its --help examples); BusyBox 1.37
// coreutils/dirname.c (exactly one FILENAME, else usage).
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('dirname', () => {
  it('drops the last component, "." without a slash, "/" at the root', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('dirname /usr/bin/')).stdout).toBe('/usr\n');
    expect((await sim.exec('dirname dir1/str dir2/str')).stdout).toBe('dir1\ndir2\n');
    expect((await sim.exec('dirname stdio.h /etc //x')).stdout).toBe('.\n/\n/\n');
    expect(await sim.exec('dirname')).toMatchObject({ exitCode: 1, stderr: "dirname: missing operand\nTry 'dirname --help' for more information.\n" });
    expect(await sim.exec('dirname --bogus')).toMatchObject({ exitCode: 1, stderr: "dirname: unrecognized option '--bogus'\nTry 'dirname --help' for more information.\n" });
  });

  it('takes exactly one name in a busybox pod', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run bb --image=busybox -- sleep infinity');
    settle(sim);
    expect((await sim.exec('kubectl exec bb -- dirname /tmp/foo/')).stdout).toBe('/tmp\n');
    expect((await sim.exec('kubectl exec bb -- dirname a b')).stderr).toContain('Usage: dirname FILENAME\n\nStrip non-directory suffix from FILENAME\n');
  });
});
