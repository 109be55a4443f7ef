import { describe, expect, it } from 'vitest';
import type { Netns } from '../netns/types';
import { lookupRoute } from '../netns/route-lookup';
import { addNodeLocalDnsDevice, NODE_LOCAL_DNS_DEVICE } from './node-local-dns-device';
import { kubeletClusterDns } from './pod-dns-config';

const emptyNode = (): Netns => ({
  id: 'node/node-1',
  kind: 'node',
  node: 'node-1',
  links: [{ ifindex: 1, name: 'lo', kind: 'loopback', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', qlen: 0, mac: '00:00:00:00:00:00' }],
  addresses: [],
  routes: [],
  neighbours: [],
  fdb: [],
});

describe('the nodelocaldns dummy interface', () => {
  it('is a DOWN, NOARP dummy holding each local address as a /32 with its local route', () => {
    const ns = emptyNode();
    addNodeLocalDnsDevice(ns, ['169.254.20.10', '10.96.0.10']);
    const link = ns.links.find((l) => l.name === NODE_LOCAL_DNS_DEVICE);
    expect(link).toMatchObject({ ifindex: 2, kind: 'dummy', flags: ['BROADCAST', 'NOARP'], state: 'DOWN', qdisc: 'noop', mtu: 1500 });
    expect(ns.addresses.map((a) => `${a.address}/${a.prefix} brd ${a.broadcast} ${a.dev}`)).toEqual(['169.254.20.10/32 brd 169.254.20.10 nodelocaldns', '10.96.0.10/32 brd 10.96.0.10 nodelocaldns']);
    // DOWN, yet local: the kernel adds the local route before it checks IFF_UP, and no broadcast route.
    expect(lookupRoute(ns, '10.96.0.10')).toMatchObject({ ok: true, kind: 'local' });
    expect(ns.routes.filter((r) => r.type === 'broadcast')).toEqual([]);
  });

  it('is not made without addresses', () => {
    const ns = emptyNode();
    addNodeLocalDnsDevice(ns, []);
    expect(ns.links.map((l) => l.name)).toEqual(['lo']);
  });
});

describe('kubelet clusterDNS', () => {
  const config = (kubelet: string | undefined) => ({ get: () => (kubelet === undefined ? undefined : { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubelet-config' }, data: { kubelet } }) }) as unknown as Parameters<typeof kubeletClusterDns>[0];
  it('reads the first clusterDNS entry of kubelet-config, list or flow style, and defaults to kube-dns', () => {
    expect(kubeletClusterDns(config('cgroupDriver: systemd\nclusterDNS:\n- 169.254.20.10\n- 10.96.0.10\nclusterDomain: cluster.local\n'))).toBe('169.254.20.10');
    expect(kubeletClusterDns(config('clusterDNS: ["169.254.20.10"]\n'))).toBe('169.254.20.10');
    expect(kubeletClusterDns(config('clusterDomain: cluster.local\n'))).toBe('10.96.0.10');
    expect(kubeletClusterDns(config(undefined))).toBe('10.96.0.10');
  });
});
