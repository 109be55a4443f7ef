// pcap-filter(7) semantics on captured packets: qualifiers, and/or/not, the reuse of the last
// qualifier for a bare value (`port 80 or 443`), and matching the outermost header on the wire.

import { describe, expect, it } from 'vitest';
import type { CapturedPacket } from '../../../dataplane/capture/types';
import { parseCaptureFilter } from './capture-filter';

const tap = { netns: 'node/node-1', dev: 'eth0', dir: 'out' as const };
const tcp = (src: string, sport: number, dst: string, dport: number): CapturedPacket => ({ timeUs: 0, tap, src, dst, l4: { proto: 'tcp', sport, dport, flags: 'S', win: 0, length: 0 } });
const dns: CapturedPacket = { timeUs: 0, tap, src: '10.244.1.2', dst: '10.96.0.10', l4: { proto: 'udp', sport: 40000, dport: 53, length: 47 } };
const ping: CapturedPacket = { timeUs: 0, tap, src: '10.244.1.2', dst: '10.244.2.2', l4: { proto: 'icmp', text: 'ICMP echo request, id 1, seq 1, length 64', length: 64 } };
const ipip: CapturedPacket = { ...tcp('10.244.1.2', 40000, '10.244.2.2', 80), outer: { kind: 'ipip', src: '172.18.0.3', dst: '172.18.0.4' } };
const vxlan: CapturedPacket = { ...tcp('10.244.1.2', 40000, '10.244.2.2', 80), outer: { kind: 'vxlan', src: '172.18.0.3', dst: '172.18.0.4', sport: 41000, vni: 1 } };
const web = tcp('10.244.1.2', 40000, '10.244.2.2', 80);
const tls = tcp('10.244.1.2', 40001, '10.244.2.2', 443);

function matches(expr: string, packets: CapturedPacket[]): boolean[] {
  const parsed = parseCaptureFilter(expr.split(' '), (name) => (name === 'node-2' ? '172.18.0.4' : undefined));
  if (!parsed.ok) throw new Error(parsed.error);
  return packets.map(parsed.filter);
}

describe('capture filters', () => {
  it('matches protocols, ports and hosts, with a bare value reusing the last qualifier', () => {
    expect(matches('tcp', [web, dns, ping])).toEqual([true, false, false]);
    expect(matches('udp port domain', [web, dns])).toEqual([false, true]);
    expect(matches('port 80 or 443', [web, tls, dns])).toEqual([true, true, false]);
    expect(matches('dst port 80', [web, tcp('10.244.2.2', 80, '10.244.1.2', 40000)])).toEqual([true, false]);
    expect(matches('host 10.96.0.10', [web, dns])).toEqual([false, true]);
    expect(matches('src net 10.244.0.0/16 and not icmp', [web, dns, ping])).toEqual([true, true, false]);
    expect(matches('( tcp or icmp ) and not port 443', [web, tls, ping, dns])).toEqual([true, false, true, false]);
    expect(matches('portrange 79-81', [web, tls])).toEqual([true, false]);
  });

  it('sees the outer header of a tunnelled packet: IPIP is protocol 4 with no ports, VXLAN is UDP 8472', () => {
    expect(matches('port 80', [ipip, vxlan])).toEqual([false, false]);
    expect(matches('ip proto 4', [ipip, vxlan])).toEqual([true, false]);
    expect(matches('udp port 8472', [ipip, vxlan])).toEqual([false, true]);
    expect(matches('host node-2', [ipip, vxlan, web])).toEqual([true, true, false]);
  });

  it('reports libpcap\'s errors', () => {
    const err = (e: string) => { const p = parseCaptureFilter(e.split(' '), () => undefined); return p.ok ? 'ok' : p.error; };
    expect(err('port')).toBe('syntax error');
    expect(err('host nowhere')).toBe("unknown host 'nowhere'");
    expect(err('tcp and')).toBe('syntax error');
    expect(err('( tcp')).toBe('syntax error');
    expect(err('port 99999')).toBe("unknown port '99999'");
  });
});
