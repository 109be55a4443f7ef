// /sys/class/net/<dev>/ read from the model: in a pod, eth0's iflink is the ifindex of its
// host-side veth, which `ip link` on the node prints with that number and `master cni0`; the
// numbers and names change with the seed, and the files always agree with the dataplane.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { buildDataplane, dataplaneOptionsFor } from '../../dataplane/cni/build-dataplane';

describe('/sys/class/net', () => {
  for (const seed of [1, 4, 9]) {
    it(`agrees with the model and with ip link (seed ${seed})`, async () => {
      const topology = { cni: 'flannel' as const, proxyMode: 'iptables' as const };
      const sim = createSimulation({ seed, topology });
      await sim.exec('kubectl create deployment web --image=nginx --replicas=4');
      settle(sim);
      const dp = buildDataplane(sim.cluster, dataplaneOptionsFor(topology));
      for (const pod of sim.cluster.list('pods', 'default')) {
        const ns = dp.pods[`default/${pod.metadata.name}`]!;
        const eth0 = ns.links.find((l) => l.name === 'eth0')!;
        const r = await sim.exec(`kubectl exec ${pod.metadata.name} -- cat /sys/class/net/eth0/iflink /sys/class/net/eth0/ifindex /sys/class/net/eth0/address /sys/class/net/eth0/mtu /sys/class/net/eth0/operstate`);
        expect(r.stdout).toBe(`${eth0.peer!.ifindex}\n${eth0.ifindex}\n${eth0.mac}\n${eth0.mtu}\nup\n`);
        const node = await sim.exec(`ssh ${pod.spec.nodeName} ip -o link show | grep "^${eth0.peer!.ifindex}: "`);
        expect(node.stdout).toMatch(new RegExp(`^${eth0.peer!.ifindex}: ${eth0.peer!.name}@if${eth0.ifindex}: .* master cni0 `));
      }
    });
  }

  it('serves the node its own devices (a veth: its peer; a VXLAN device: the device it sends by), read-only', async () => {
    const sim = createSimulation({ seed: 1, topology: { cni: 'flannel', proxyMode: 'iptables' } });
    const r = await sim.exec('ssh node-1 cat /sys/class/net/eth0/ifindex /sys/class/net/eth0/iflink /sys/class/net/flannel.1/iflink /sys/class/net/lo/operstate');
    expect(r.stdout).toBe('2\n2\n2\nunknown\n');
    const w = await sim.exec('ssh node-1 "echo 7 > /sys/class/net/eth0/mtu"');
    expect(w.exitCode).not.toBe(0);
    expect(w.stderr).toContain('Permission denied');
    expect((await sim.exec('ssh node-1 cat /sys/class/net/nope/ifindex')).stderr).toContain('No such file or directory');
  });
});
