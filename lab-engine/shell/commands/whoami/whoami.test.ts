// Expected outputs: GNU coreutils 9.4 whoami; users from the images themselves: curlimages/curl
// runs as curl_user (uid 100, gid 101 curl_group, `docker run curlimages/curl id`).
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('whoami', () => {
  it('is the learner on the workstation, root on a node, the image USER in a pod', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run c --image=curlimages/curl -- sleep infinity');
    settle(sim);
    expect((await sim.exec('whoami')).stdout).toBe('learner\n');
    expect((await sim.exec('ssh node-1 whoami')).stdout).toBe('root\n');
    expect((await sim.exec('kubectl exec c -- whoami')).stdout).toBe('curl_user\n');
    expect(await sim.exec('whoami me')).toMatchObject({ exitCode: 1, stderr: "whoami: extra operand ‘me’\nTry 'whoami --help' for more information.\n" });
    expect((await sim.exec('whoami --help')).stdout).toContain('Same as id -un.\n');
  });
});
