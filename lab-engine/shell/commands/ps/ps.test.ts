// ps on a node lists kubeadm's daemons and, per pod kubelet runs there, containerd's shim, the
// sandbox's /pause and the containers' processes (procps-ng `ps aux` columns USER PID %CPU %MEM VSZ
// RSS TTY STAT START TIME COMMAND); calico-node's runit services include BIRD; flanneld runs as
// kube-flannel.yml starts it. In a busybox container, BusyBox's `PID USER TIME COMMAND`.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('ps', () => {
  it('ps aux on a Calico node: kubelet, containerd, kube-proxy, calico-node with bird, pause', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('ssh node-1\nps aux\nexit');
    expect(r.stdout).toContain('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
    for (const command of ['/usr/bin/containerd\n', '/usr/bin/kubelet --bootstrap-kubeconfig=', '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=node-1\n', 'calico-node -felix\n', 'bird -R -s /var/run/calico/bird.ctl', ' /pause\n']) expect(r.stdout).toContain(command);
    expect(r.stdout).toMatch(/\nroot +1873 .* \/usr\/local\/bin\/kube-proxy/);
  });

  it('flanneld on a flannel node; a busybox container sees only its own processes', async () => {
    const flannel = createSimulation({ seed: 1, topology: { cni: 'flannel' } });
    expect((await flannel.exec('ssh node-1\nps -ef\nexit')).stdout).toContain(' /opt/bin/flanneld --ip-masq --kube-subnet-mgr\n');
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run b --image=busybox -- sleep 3600');
    settle(sim);
    expect((await sim.exec('kubectl exec b -- ps')).stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sh\n   13 root      0:00 ps\n');
  });
});
