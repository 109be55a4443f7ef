// Expected outputs: GNU coreutils 9.4 id(1) messages; `id` in the busybox image is
// "uid=0(root) gid=0(root) groups=0(root),10(wheel)" (e.g. moby's busybox USER tests), and
// curlimages/curl's user is uid=100(curl_user) gid=101(curl_group).
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('id', () => {
  it('prints the place\'s user and groups, and -u/-g/-G with -n', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run bb --image=busybox -- sleep infinity');
    await sim.exec('kubectl run c --image=curlimages/curl -- sleep infinity');
    settle(sim);
    expect((await sim.exec('id')).stdout).toBe('uid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo)\n');
    expect((await sim.exec('id -u; id -un; id -Gn; id -g root')).stdout).toBe('1000\nlearner\nlearner sudo\n0\n');
    expect((await sim.exec('ssh node-1 id')).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await sim.exec('kubectl exec bb -- id')).stdout).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    expect((await sim.exec('kubectl exec c -- id')).stdout).toBe('uid=100(curl_user) gid=101(curl_group) groups=101(curl_group)\n');
  });

  it('answers unknown users and option misuse as coreutils or BusyBox', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run bb --image=busybox -- sleep infinity');
    settle(sim);
    expect(await sim.exec('id bob')).toMatchObject({ exitCode: 1, stderr: 'id: ‘bob’: no such user\n' });
    expect(await sim.exec('id -n')).toMatchObject({ exitCode: 1, stderr: 'id: printing only names or real IDs requires -u, -g, or -G\n' });
    expect(await sim.exec('id -ug')).toMatchObject({ exitCode: 1, stderr: 'id: cannot print "only" of more than one choice\n' });
    expect((await sim.exec('kubectl exec bb -- id bob')).stderr).toBe('id: unknown user bob\ncommand terminated with exit code 1\n');
  });
});
