// flanneld --ip-masq on each node (flannel-io/flannel pkg/trafficmngr/iptables/iptables.go
// masqRules and forwardRules; kube-flannel.yml runs flanneld with --ip-masq): FLANNEL-POSTRTG
// masquerades pod traffic leaving the cluster network, leaves pod-to-pod traffic alone.

import { describe, expect, it } from 'vitest';
import { webCluster } from '../../../simulation/testing/packet-test-kit';
import { hopReasons, hopSummary } from '../../packet/render-hop';

describe('flannel --ip-masq', () => {
  it('a pod reaching a host outside the cluster network leaves with its node address', async () => {
    const c = await webCluster('flannel');
    const r = c.sim.network.probe({ from: c.fromClient, dst: '172.18.0.100', protocol: 'tcp', dport: 80 });
    const nodeIP = c.sim.cluster.get('nodes', undefined, c.client.spec.nodeName!)!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
    expect(r.outcome).toMatchObject({ kind: 'delivered', at: { sourceSeen: nodeIP } });
    const masq = r.hops.find((h) => h.kind === 'netfilter' && h.verdict === 'MASQUERADE')!;
    expect(hopSummary(masq)).toContain('flanneld --ip-masq');
    expect(hopReasons(masq)).toContain('-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully');
  });

  it('pod to pod across nodes is not masqueraded', async () => {
    const c = await webCluster('flannel');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome).toMatchObject({ kind: 'delivered', at: { sourceSeen: c.client.status.podIP } });
    expect(r.hops.some((h) => h.kind === 'netfilter' && h.verdict === 'MASQUERADE')).toBe(false);
  });

  it('iptables-save shows the chains flanneld appends, after kube-proxy\'s', async () => {
    const c = await webCluster('flannel');
    const node = c.client.spec.nodeName!;
    const cidr = c.sim.cluster.get('nodes', undefined, node)!.spec.podCIDR;
    const nat = (await c.sim.exec(`ssh ${node} iptables-save -t nat`)).stdout;
    expect(nat).toContain(
      [
        '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
        '-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG',
      ].join('\n'),
    );
    expect(nat).toContain(
      [
        '-A FLANNEL-POSTRTG -m mark --mark 0x4000/0x4000 -m comment --comment "flanneld masq" -j RETURN',
        `-A FLANNEL-POSTRTG -s ${cidr} -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j RETURN`,
        `-A FLANNEL-POSTRTG -s 10.244.0.0/16 -d ${cidr} -m comment --comment "flanneld masq" -j RETURN`,
        `-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d ${cidr} -m comment --comment "flanneld masq" -j RETURN`,
        '-A FLANNEL-POSTRTG -s 10.244.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
        '-A FLANNEL-POSTRTG ! -s 10.244.0.0/16 -d 10.244.0.0/16 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully',
      ].join('\n'),
    );
    const filter = (await c.sim.exec(`ssh ${node} iptables -S FLANNEL-FWD`)).stdout;
    expect(filter).toBe('-N FLANNEL-FWD\n-A FLANNEL-FWD -s 10.244.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT\n-A FLANNEL-FWD -d 10.244.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT\n');
  });
});
