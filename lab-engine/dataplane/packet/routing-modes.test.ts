// One packet pod → pod across nodes under each routing mode a lab can pick: Calico without
// IP-in-IP, flannel host-gw (both plain routes via the other node's IP) and kubenet, where the
// node's default route hands the packet to the VPC router and the cloud route table decides.

import { describe, expect, it } from 'vitest';
import { kinds, webCluster } from '../../simulation/testing/packet-test-kit';
import { cloudRouteFor } from './cloud-router';
import { hopReasons, hopSummary } from './render-hop';

const nodeIP: Record<string, string> = { 'control-plane': '172.18.0.2', 'node-1': '172.18.0.3', 'node-2': '172.18.0.4' };

describe('pod → pod across nodes without encapsulation', () => {
  it('calico ipipMode Never: the BGP route via the node IP on eth0, no tunl0, no outer header', async () => {
    const c = await webCluster('calico', 'iptables', 1, { ipipMode: 'Never' });
    const from = c.client.spec.nodeName!;
    const to = c.remoteWeb.spec.nodeName!;
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    expect(kinds(r.hops)).toEqual([
      'pod/default/client route',
      'pod/default/client veth',
      `node/${from} route`,
      `node/${from} wire`,
      `node/${to} route`,
      `node/${to} veth`,
      `pod/default/${c.remoteWeb.metadata.name} deliver`,
    ]);
    const route = r.hops.find((h) => h.kind === 'route' && h.netns === `node/${from}`)!;
    expect(hopReasons(route)[0]).toBe(`${c.sim.cluster.get('nodes', undefined, to)!.spec.podCIDR} via ${nodeIP[to]} dev eth0 proto bird`);
    expect(r.hops.every((h) => h.headers.outer === undefined)).toBe(true);
  });

  it('flannel host-gw: the subnet lease routed via the node IP, cni0 on both ends, no flannel.1', async () => {
    const c = await webCluster('flannel', 'iptables', 1, { flannelBackend: 'host-gw' });
    const from = c.client.spec.nodeName!;
    const to = c.remoteWeb.spec.nodeName!;
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    expect(kinds(r.hops)).toEqual([
      'pod/default/client route',
      'pod/default/client veth',
      `node/${from} bridge`,
      `node/${from} route`,
      `node/${from} wire`,
      `node/${to} route`,
      `node/${to} bridge`,
      `node/${to} veth`,
      `pod/default/${c.remoteWeb.metadata.name} deliver`,
    ]);
    expect(hopReasons(r.hops.find((h) => h.kind === 'route' && h.netns === `node/${from}`)!)[0]).toMatch(new RegExp(` via ${nodeIP[to].replace(/\./g, '\\.')} dev eth0$`));
    expect(r.hops.every((h) => h.headers.outer === undefined)).toBe(true);
  });
});

describe('kubenet: the cloud routes pod CIDRs', () => {
  it('leaves the node by the default route; the VPC router forwards by the cloud route for the other node', async () => {
    const c = await webCluster('kubenet');
    const from = c.client.spec.nodeName!;
    const to = c.remoteWeb.spec.nodeName!;
    const cidr = c.sim.cluster.get('nodes', undefined, to)!.spec.podCIDR;
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome).toMatchObject({ kind: 'delivered', at: { sourceSeen: c.client.status.podIP } });
    expect(kinds(r.hops)).toEqual([
      'pod/default/client route',
      'pod/default/client veth',
      `node/${from} bridge`,
      `node/${from} route`,
      `node/${from} wire`,
      'cloud/vpc-router route',
      'cloud/vpc-router wire',
      `node/${to} route`,
      `node/${to} bridge`,
      `node/${to} veth`,
      `pod/default/${c.remoteWeb.metadata.name} deliver`,
    ]);
    const nodeRoute = r.hops.find((h) => h.kind === 'route' && h.netns === `node/${from}`)!;
    expect(hopReasons(nodeRoute)[0]).toBe('default via 172.18.0.1 dev eth0');
    const cloudHop = r.hops.find((h) => h.netns === 'cloud/vpc-router' && h.kind === 'route')!;
    expect(hopSummary(cloudHop)).toBe(`VPC route table: ${cidr} via ${nodeIP[to]} (cloud route for ${to})`);
    expect(hopReasons(cloudHop)[0]).toContain(`from ${to}'s spec.podCIDR`);
    expect(r.hops.every((h) => h.headers.outer === undefined && h.headers.src === c.client.status.podIP)).toBe(true);
  });

  it('a pod IP nobody holds reaches the right node and ends at its bridge', async () => {
    const c = await webCluster('kubenet');
    const r = c.sim.network.probe({ from: c.fromClient, dst: '10.244.2.250', protocol: 'tcp', dport: 80 });
    expect(r.outcome).toMatchObject({ kind: 'unreachable', icmp: 'host-unreachable' });
    expect(r.hops.at(-1)).toMatchObject({ netns: 'node/node-2', kind: 'drop' });
  });

  it('addresses outside every pod CIDR still go nowhere through the gateway', async () => {
    const c = await webCluster('kubenet');
    const r = c.sim.network.probe({ from: c.fromClient, dst: '192.0.2.7', protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('dropped');
    expect(r.hops.some((h) => h.netns === 'cloud/vpc-router')).toBe(false);
  });

  it('does not enforce NetworkPolicy, and says so', async () => {
    const c = await webCluster('kubenet');
    const deny = `kubectl apply -f - <<'EOF'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-ingress
spec:
  podSelector: {}
  policyTypes: [Ingress]
EOF`;
    expect((await c.sim.exec(deny)).exitCode).toBe(0);
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    expect(hopSummary(r.hops.find((h) => h.kind === 'policy')!)).toContain('but kubenet does not enforce NetworkPolicy: the packet passes');
  });
});

describe('cloudRouteFor', () => {
  it('picks the longest matching prefix, as VPC route tables do', () => {
    const routes = [
      { destRange: '10.244.0.0/16', nextHopIp: '172.18.0.9', node: 'wide' },
      { destRange: '10.244.2.0/24', nextHopIp: '172.18.0.4', node: 'node-2' },
    ];
    expect(cloudRouteFor(routes, '10.244.2.7')?.node).toBe('node-2');
    expect(cloudRouteFor(routes, '10.244.9.7')?.node).toBe('wide');
    expect(cloudRouteFor(routes, '10.245.0.1')).toBeUndefined();
  });
});
