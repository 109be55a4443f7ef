// kube-proxy's conntrack reconciler (pkg/proxy/conntrack/cleanup.go, v1.32+): which UDP flows it
// deletes after a sync, and the two it leaves (a Service without serving endpoints,
// kubernetes/kubernetes#139628; an endpoint that kept its IP and changed port). Also the table's
// own reuse and expiry of a UDP flow.

import { describe, expect, it } from 'vitest';
import { ConntrackTable, UDP_UNREPLIED_TIMEOUT_SECONDS } from './conntrack';
import { cleanStaleUdpEntries, type UdpFrontend } from './kube-proxy-cleanup';

const client = { src: '10.244.1.5', dst: '10.96.40.7', sport: 41000, dport: 8125 };
const statsd = (servingIPs: string[], extra: Partial<UdpFrontend> = {}): UdpFrontend => ({ clusterIP: '10.96.40.7', port: 8125, otherIPs: [], servingIPs: new Set(servingIPs), ...extra });

describe('a UDP flow in the table', () => {
  it('is found again by its original tuple within the timeout, and each packet refreshes it', () => {
    const ct = new ConntrackTable();
    const e = ct.create('udp', client, { dnat: '10.244.2.9:8125' }, 0)!;
    expect(ct.findOriginal('udp', client, 29_000)).toBe(e);
    ct.update(e, 'original', 29_000);
    expect(ct.findOriginal('udp', client, 58_000)).toBe(e);
    expect(ct.findOriginal('tcp', client, 58_000)).toBeUndefined();
    expect(ct.findOriginal('udp', { ...client, sport: 41001 }, 58_000)).toBeUndefined();
  });

  it('expires after 30 s without a packet', () => {
    const ct = new ConntrackTable();
    ct.create('udp', client, { dnat: '10.244.2.9:8125' }, 0);
    expect(ct.findOriginal('udp', client, UDP_UNREPLIED_TIMEOUT_SECONDS * 1000 - 1)).toBeDefined();
    expect(ct.findOriginal('udp', client, UDP_UNREPLIED_TIMEOUT_SECONDS * 1000)).toBeUndefined();
    expect(ct.list(UDP_UNREPLIED_TIMEOUT_SECONDS * 1000)).toEqual([]);
  });
});

describe('cleanStaleUdpEntries', () => {
  it('deletes a UDP flow to the ClusterIP whose reply source is no serving endpoint, keeps the rest', () => {
    const ct = new ConntrackTable();
    ct.create('udp', client, { dnat: '10.244.2.9:8125' }, 0);
    ct.create('udp', { ...client, sport: 41001 }, { dnat: '10.244.1.8:8125' }, 0);
    ct.create('tcp', { ...client, dport: 8125 }, { dnat: '10.244.2.9:8125' }, 0);
    expect(cleanStaleUdpEntries(ct, [statsd(['10.244.1.8'])])).toBe(1);
    expect(ct.list(1).map((e) => `${e.protocol} ${e.reply.src}`)).toEqual(['udp 10.244.1.8', 'tcp 10.244.2.9']);
  });

  it('skips a Service without serving endpoints (kubernetes#139628): the flow to the gone pod stays', () => {
    const ct = new ConntrackTable();
    ct.create('udp', client, { dnat: '10.244.2.9:8125' }, 0);
    expect(cleanStaleUdpEntries(ct, [statsd([])])).toBe(0);
    expect(ct.list(1)).toHaveLength(1);
  });

  it('compares IPs only: an endpoint that kept its IP and moved port keeps the flow to the old port', () => {
    const ct = new ConntrackTable();
    ct.create('udp', client, { dnat: '172.18.0.4:8125' }, 0);
    expect(cleanStaleUdpEntries(ct, [statsd(['172.18.0.4'])])).toBe(0);
  });

  it('covers external and LoadBalancer IPs and NodePorts on any address', () => {
    const ct = new ConntrackTable();
    ct.create('udp', { src: '203.0.113.9', dst: '192.0.2.10', sport: 5000, dport: 8125 }, { dnat: '10.244.2.9:8125' }, 0);
    ct.create('udp', { src: '203.0.113.9', dst: '172.18.0.3', sport: 5001, dport: 31125 }, { dnat: '10.244.2.9:8125' }, 0);
    ct.create('udp', { src: '203.0.113.9', dst: '172.18.0.3', sport: 5002, dport: 31126 }, { dnat: '10.244.2.9:8125' }, 0);
    expect(cleanStaleUdpEntries(ct, [statsd(['10.244.1.8'], { otherIPs: ['192.0.2.10'], nodePort: 31125 })])).toBe(2);
    expect(ct.list(1).map((e) => e.orig.dport)).toEqual([31126]);
  });
});
