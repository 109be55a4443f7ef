// systemctl status kubelet on a kubeadm node (systemd 255 on Ubuntu 24.04; the unit and drop-in
// paths of pkgs.k8s.io's kubelet package: /usr/lib/systemd/system/kubelet.service and
// kubelet.service.d/10-kubeadm.conf); "Unit foo.service could not be found." with exit 4.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

describe('systemctl', () => {
  it('status kubelet, is-active, and an unknown unit', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('ssh node-1\nsystemctl status kubelet\nsystemctl is-active containerd\nsystemctl status foo\nexit');
    expect(r.stdout).toContain('● kubelet.service - kubelet: The Kubernetes Node Agent\n     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)\n    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n             └─10-kubeadm.conf\n     Active: active (running) since ');
    expect(r.stdout).toContain('   Main PID: 1094 (kubelet)\n');
    expect(r.stdout).toContain('\nactive\n');
    expect(r.stderr).toContain('Unit foo.service could not be found.\n');
  });
});
