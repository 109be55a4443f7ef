import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { buildDataplane, buildDataplaneFromView, dataplaneOptionsFor, DataplaneCache } from './build-dataplane';
import { bridgePort, findLink, lookupRoute, neighbourFor, netnsOwning, vethPeer, vxlanRemote } from '../netns/route-lookup';
import { calicoVethName } from './calico/veth-name';

async function cluster(cni: 'calico' | 'flannel' | 'kubenet') {
  const sim = createSimulation({ seed: 1, topology: { cni } });
  await sim.exec('kubectl run web --image=nginx\nkubectl run client --image=busybox -- sleep 3600', { history: false });
  settle(sim);
  return sim;
}

describe('calico dataplane', () => {
  it('gives every pod a netns with its IP as /32 behind a cali veth with a /32 host route', async () => {
    const sim = await cluster('calico');
    const dp = buildDataplane(sim.cluster, { cni: 'calico' });
    const web = sim.cluster.get('pods', 'default', 'web')!;
    const ns = dp.pods['default/web'];
    expect(ns.addresses.find((a) => a.dev === 'eth0' && a.family === 'inet')).toMatchObject({ address: web.status.podIP, prefix: 32 });
    const host = dp.nodes[web.spec.nodeName!];
    const veth = findLink(host, calicoVethName('default', 'web'))!;
    expect(veth).toMatchObject({ mac: 'ee:ee:ee:ee:ee:ee', mtu: 1480 });
    expect(vethPeer(dp, veth)?.netns.id).toBe('pod/default/web');
    expect(host.routes).toContainEqual(expect.objectContaining({ dst: `${web.status.podIP}/32`, dev: veth.name, scope: 'link' }));
    expect(netnsOwning(dp, web.status.podIP!)?.id).toBe('pod/default/web');
  });

  it('routes between nodes through tunl0 (IPIP, 20 B overhead) and says which route decided', async () => {
    const sim = await cluster('calico');
    const dp = buildDataplane(sim.cluster, { cni: 'calico' });
    const web = sim.cluster.get('pods', 'default', 'web')!;
    const client = sim.cluster.get('pods', 'default', 'client')!;
    expect(web.spec.nodeName).not.toBe(client.spec.nodeName);
    const fromPod = lookupRoute(dp.pods['default/client'], web.status.podIP!);
    expect(fromPod).toMatchObject({ ok: true, via: '169.254.1.1', dev: 'eth0', mtu: 1480 });
    const fromNode = lookupRoute(dp.nodes[client.spec.nodeName!], web.status.podIP!);
    expect(fromNode).toMatchObject({ ok: true, dev: 'tunl0', onlink: true, route: { proto: 'bird', dst: '10.244.2.0/24' } });
    expect(fromNode.ok && fromNode.why).toContain('BGP route');
    expect(fromNode.ok && fromNode.encapsulation).toEqual({ kind: 'ipip', overheadBytes: 20 });
    expect(findLink(dp.nodes['node-1'], 'tunl0')?.encapsulation).toEqual({ kind: 'ipip', overheadBytes: 20 });
    // An address of the node's own block with no pod behind it hits the blackhole.
    expect(lookupRoute(dp.nodes['node-2'], '10.244.2.250')).toMatchObject({ ok: false, kind: 'blackhole' });
  });

  it('without IPIP routes via eth0 (no onlink) and keeps MTU 1500', async () => {
    const sim = await cluster('calico');
    const dp = buildDataplane(sim.cluster, { cni: 'calico', ipip: false });
    expect(findLink(dp.nodes['node-1'], 'tunl0')).toBeUndefined();
    expect(lookupRoute(dp.nodes['node-1'], '10.244.2.2')).toMatchObject({ ok: true, dev: 'eth0', via: '172.18.0.4', onlink: false, mtu: 1500 });
    expect(findLink(dp.pods['default/web'], 'eth0')?.mtu).toBe(1500);
  });
});

describe('flannel dataplane', () => {
  it('bridges pods on cni0 and reaches other nodes through flannel.1 (VXLAN, 50 B overhead)', async () => {
    const sim = await cluster('flannel');
    const dp = buildDataplane(sim.cluster, { cni: 'flannel' });
    const node1 = dp.nodes['node-1'];
    const vtep = findLink(node1, 'flannel.1')!;
    expect(vtep).toMatchObject({ mtu: 1450, vxlan: { id: 1, local: '172.18.0.3', dstport: 8472 }, encapsulation: { kind: 'vxlan', overheadBytes: 50 } });
    expect(lookupRoute(node1, '10.244.2.2')).toMatchObject({ ok: true, via: '10.244.2.0', dev: 'flannel.1', onlink: true, src: '10.244.1.0' });
    expect(node1.neighbours).toContainEqual(expect.objectContaining({ ip: '10.244.2.0', dev: 'flannel.1', state: 'PERMANENT' }));
    expect(node1.fdb).toContainEqual(expect.objectContaining({ dev: 'flannel.1', dst: '172.18.0.4', self: true, permanent: true }));
    const veth = node1.links.find((l) => l.master === 'cni0')!;
    expect(vethPeer(dp, veth)).toMatchObject({ netns: { id: 'pod/default/client' }, link: { name: 'eth0', ifindex: 3, mtu: 1450 } });
    expect(lookupRoute(dp.pods['default/client'], '10.96.0.10')).toMatchObject({ ok: true, via: '10.244.1.1' });
    // Following one packet node-1 -> node-2 with the model alone: route, neighbour, FDB.
    const hop = lookupRoute(node1, '10.244.2.2');
    const vtepMac = hop.ok ? neighbourFor(node1, hop.dev, hop.via!)?.lladdr : undefined;
    expect(vxlanRemote(node1, 'flannel.1', vtepMac!)).toBe('172.18.0.4');
    const clientMac = findLink(dp.pods['default/client'], 'eth0')!.mac;
    expect(bridgePort(node1, 'cni0', clientMac)).toBe(veth);
  });
});

describe('flannel host-gw', () => {
  it('routes other nodes\' subnets via their node IPs on eth0, with no tunnel and MTU 1500', async () => {
    const sim = await cluster('flannel');
    const dp = buildDataplane(sim.cluster, { cni: 'flannel', flannelBackend: 'host-gw' });
    const node1 = dp.nodes['node-1'];
    expect(findLink(node1, 'flannel.1')).toBeUndefined();
    expect(lookupRoute(node1, '10.244.2.2')).toMatchObject({ ok: true, via: '172.18.0.4', dev: 'eth0', onlink: false, mtu: 1500 });
    expect(lookupRoute(node1, '10.244.2.2')).not.toHaveProperty('encapsulation');
    expect(findLink(node1, 'cni0')?.mtu).toBe(1500);
    expect(findLink(dp.pods['default/client'], 'eth0')?.mtu).toBe(1500);
  });
});

describe('kubenet', () => {
  it('gives each node only its own podCIDR on cbr0 and hands the rest to the cloud route table', async () => {
    const sim = await cluster('kubenet');
    const dp = buildDataplane(sim.cluster, { cni: 'kubenet' });
    const node1 = dp.nodes['node-1'];
    expect(findLink(node1, 'cbr0')).toMatchObject({ kind: 'bridge', mtu: 1460, flags: ['BROADCAST', 'MULTICAST', 'PROMISC', 'UP', 'LOWER_UP'] });
    expect(findLink(node1, 'eth0')?.mtu).toBe(1460);
    expect(node1.routes.filter((r) => r.table === 'main').map((r) => r.dst)).toEqual(['default', '10.244.1.0/24', '172.18.0.0/16']);
    expect(lookupRoute(node1, '10.244.2.2')).toMatchObject({ ok: true, dev: 'eth0', via: '172.18.0.1' });
    expect(dp.cloud).toEqual({
      router: '172.18.0.1',
      routes: [
        { destRange: '10.244.0.0/24', nextHopIp: '172.18.0.2', node: 'control-plane' },
        { destRange: '10.244.1.0/24', nextHopIp: '172.18.0.3', node: 'node-1' },
        { destRange: '10.244.2.0/24', nextHopIp: '172.18.0.4', node: 'node-2' },
      ],
    });
    const veth = node1.links.find((l) => l.master === 'cbr0')!;
    expect(vethPeer(dp, veth)).toMatchObject({ netns: { id: 'pod/default/client' }, link: { name: 'eth0', mtu: 1460 } });
    expect(dp.pods['default/client'].routes.filter((r) => r.table === 'main').map((r) => `${r.dst} ${r.via ?? r.dev}`)).toEqual(['default 10.244.1.1', '10.244.1.0/24 eth0']);
  });

  it('is the only CNI with a cloud route table', async () => {
    const sim = await cluster('calico');
    expect(buildDataplane(sim.cluster, { cni: 'calico' }).cloud).toBeUndefined();
    expect(buildDataplane(sim.cluster, { cni: 'flannel' }).cloud).toBeUndefined();
  });
});

describe('dataplaneOptionsFor', () => {
  it('maps each CNI\'s topology setting onto the builder and ignores the others\'', () => {
    expect(dataplaneOptionsFor({ cni: 'calico', proxyMode: 'iptables' })).toEqual({ cni: 'calico', ipip: true });
    expect(dataplaneOptionsFor({ cni: 'calico', proxyMode: 'iptables', ipipMode: 'Never' })).toEqual({ cni: 'calico', ipip: false });
    expect(dataplaneOptionsFor({ cni: 'flannel', proxyMode: 'iptables', flannelBackend: 'host-gw' })).toEqual({ cni: 'flannel', flannelBackend: 'host-gw' });
    expect(dataplaneOptionsFor({ cni: 'kubenet', proxyMode: 'ipvs' })).toEqual({ cni: 'kubenet' });
  });
});

describe('keeping in sync', () => {
  it('recomputes when pods come and go, and names stay stable while they live', async () => {
    const sim = await cluster('calico');
    const cache = new DataplaneCache(sim.cluster, { cni: 'calico' });
    const before = cache.get();
    expect(cache.get()).toBe(before);
    expect(before.pods['default/web']).toBeDefined();
    await sim.exec('kubectl delete pod web --force', { history: false });
    settle(sim);
    const after = cache.get();
    expect(after.pods['default/web']).toBeUndefined();
    expect(after.pods['default/client']).toEqual(before.pods['default/client']);
    // The surviving pod keeps its host-side ifindex; a new pod takes a fresh one, as the kernel counts on.
    const clientNode = after.pods['default/client'].node;
    const clientIndex = (ns: typeof after) => ns.nodes[clientNode].links.find((l) => l.name.startsWith('cali'))!.ifindex;
    expect(clientIndex(after)).toBe(clientIndex(before));
  });

  it('keeps a surviving pod\'s veth ifindex when an earlier pod goes (the kernel never renumbers)', () => {
    const nodes = [{ name: 'a', internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24' }];
    const pod = (name: string, ip: string) => ({ key: `default/${name}`, namespace: 'default', name, uid: `${name}-uid`, node: 'a', ip });
    const both = buildDataplaneFromView({ nodes, pods: [pod('x', '10.244.0.2'), pod('y', '10.244.0.3')] }, { cni: 'flannel' });
    const onlyY = buildDataplaneFromView({ nodes, pods: [pod('y', '10.244.0.3')] }, { cni: 'flannel' });
    const veths = (dp: typeof both) => dp.nodes.a.links.filter((l) => l.master === 'cni0').map((l) => l.ifindex);
    expect(veths(both)).toEqual([5, 6]);
    expect(veths(onlyY)).toEqual([6]);
    expect(onlyY.pods['default/y']).toEqual(both.pods['default/y']);
  });

  it('is a pure function of the view', () => {
    const view = { nodes: [{ name: 'a', internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24' }], pods: [] };
    expect(buildDataplaneFromView(view, { cni: 'flannel' })).toEqual(buildDataplaneFromView(view, { cni: 'flannel' }));
    expect(buildDataplaneFromView(view, { cni: 'flannel' }).nodes.a.links.map((l) => l.name)).toEqual(['lo', 'eth0', 'flannel.1']);
  });
});
