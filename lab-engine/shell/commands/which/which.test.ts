// Expected behaviour: Debian's which (debianutils) prints nothing and exits 1 for a missing
// name, prints a path per found name, -a every match on $PATH (merged /usr: /usr/bin and /bin);
// BusyBox's which (debianutils/which.c) the same. Builtins without a binary are not found.
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('which', () => {
  it('finds what each place has, and only that', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run bb --image=busybox -- sleep infinity');
    await sim.exec('kubectl run web --image=nginx');
    settle(sim);
    expect(await sim.exec('which kubectl curl')).toMatchObject({ exitCode: 0, stdout: '/usr/local/bin/kubectl\n/usr/bin/curl\n' });
    expect(await sim.exec('which iptables')).toMatchObject({ exitCode: 1, stdout: '', stderr: '' });
    expect(await sim.exec('which cd history')).toMatchObject({ exitCode: 1, stdout: '' });
    expect((await sim.exec('ssh node-1 which iptables crictl')).stdout).toBe('/usr/sbin/iptables\n/usr/local/bin/crictl\n');
    expect((await sim.exec('which -a ls')).stdout).toBe('/usr/bin/ls\n/bin/ls\n');
    expect((await sim.exec('kubectl exec bb -- which wget nc')).stdout).toBe('/bin/wget\n/bin/nc\n');
    expect((await sim.exec('kubectl exec web -- which curl ip')).stdout).toBe('/usr/bin/curl\n');
    expect(await sim.exec('which')).toMatchObject({ exitCode: 1, stdout: '', stderr: '' });
  });
});
