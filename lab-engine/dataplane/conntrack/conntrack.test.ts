// Conntrack entries through a Service connection's life: DNAT by kube-proxy, the reply tuple that
// un-NATs replies, the TCP handshake to ESTABLISHED/[ASSURED], UDP [UNREPLIED] and timeouts.

import { describe, expect, it } from 'vitest';
import { ConntrackTable, nextTcpState } from './conntrack';
import { formatConntrackEntry, renderConntrackList } from './format';

const podToApi = { src: '10.244.1.5', dst: '10.96.0.1', sport: 40000, dport: 443 };

describe('ConntrackTable', () => {
  it('a ClusterIP connection: DNAT sets the reply tuple; the handshake makes it ESTABLISHED and ASSURED', () => {
    const ct = new ConntrackTable();
    const e = ct.create('tcp', podToApi, { dnat: '192.168.0.2:6443' }, 0)!;
    expect(formatConntrackEntry(e, 0)).toBe('tcp      6 120 SYN_SENT src=10.244.1.5 dst=10.96.0.1 sport=40000 dport=443 [UNREPLIED] src=192.168.0.2 dst=10.244.1.5 sport=6443 dport=40000 mark=0 use=1');
    // The reply comes from the backend: the lookup finds the entry in the reply direction (reverse NAT).
    const reply = ct.lookup('tcp', { src: '192.168.0.2', dst: '10.244.1.5', sport: 6443, dport: 40000 }, 1000);
    expect(reply?.direction).toBe('reply');
    ct.update(e, 'reply', 1000, 'syn-ack');
    ct.update(e, 'original', 1000, 'ack');
    expect(formatConntrackEntry(e, 1000)).toBe('tcp      6 86400 ESTABLISHED src=10.244.1.5 dst=10.96.0.1 sport=40000 dport=443 src=192.168.0.2 dst=10.244.1.5 sport=6443 dport=40000 [ASSURED] mark=0 use=1');
  });

  it('UDP to kube-dns stays [UNREPLIED] for 30 s when no backend answers, then disappears', () => {
    const ct = new ConntrackTable();
    ct.create('udp', { src: '10.244.1.5', dst: '10.96.0.10', sport: 5353, dport: 53 }, { dnat: '10.244.2.3:53' }, 0);
    const out = renderConntrackList(ct.list(5000), 5000);
    expect(out.stdout).toBe('udp      17 25 src=10.244.1.5 dst=10.96.0.10 sport=5353 dport=53 [UNREPLIED] src=10.244.2.3 dst=10.244.1.5 sport=53 dport=5353 mark=0 use=1\n');
    expect(out.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
    expect(ct.list(30_000)).toEqual([]);
  });

  // torvalds/linux net/netfilter/nf_conntrack_proto_udp.c nf_conntrack_udp_packet: stream_ts = first packet + 2 s;
  // SEEN_REPLY is set after the handler, so the first reply keeps the 30 s timeout.
  it('a DNS query and its answer: 30 s, neither [UNREPLIED] nor [ASSURED]; a packet after 2 s makes the flow a stream (120 s, [ASSURED])', () => {
    const ct = new ConntrackTable();
    const e = ct.create('udp', { src: '10.244.1.5', dst: '10.96.0.10', sport: 5353, dport: 53 }, { dnat: '10.244.2.3:53' }, 0)!;
    ct.update(e, 'reply', 5);
    expect(formatConntrackEntry(e, 5)).toBe('udp      17 30 src=10.244.1.5 dst=10.96.0.10 sport=5353 dport=53 src=10.244.2.3 dst=10.244.1.5 sport=53 dport=5353 mark=0 use=1');
    ct.update(e, 'original', 1000);
    expect(formatConntrackEntry(e, 1000)).not.toContain('[ASSURED]');
    ct.update(e, 'original', 2500);
    expect(formatConntrackEntry(e, 2500)).toBe('udp      17 120 src=10.244.1.5 dst=10.96.0.10 sport=5353 dport=53 src=10.244.2.3 dst=10.244.1.5 sport=53 dport=5353 [ASSURED] mark=0 use=1');
  });

  // libnetfilter_conntrack src/conntrack/snprintf_default.c: "%-8s %u " with "unknown" for a protocol proto2str does not
  // name (IPIP is 4), addresses only; the kernel's generic tracker: nf_conntrack_generic_timeout 600 s, never assured.
  it('IPIP between two nodes: the generic tracker, printed as "unknown  4" without ports', () => {
    const ct = new ConntrackTable();
    const e = ct.create('ipip', { src: '172.18.0.3', dst: '172.18.0.4', sport: 0, dport: 0 }, {}, 0)!;
    expect(formatConntrackEntry(e, 0)).toBe('unknown  4 600 src=172.18.0.3 dst=172.18.0.4 [UNREPLIED] src=172.18.0.4 dst=172.18.0.3 mark=0 use=1');
    ct.update(e, 'reply', 1000);
    expect(formatConntrackEntry(e, 1000)).toBe('unknown  4 600 src=172.18.0.3 dst=172.18.0.4 src=172.18.0.4 dst=172.18.0.3 mark=0 use=1');
  });

  it('masquerade sets the reply destination; -D with filters removes entries', () => {
    const ct = new ConntrackTable();
    const e = ct.create('tcp', { src: '203.0.113.7', dst: '192.168.0.11', sport: 5555, dport: 30080 }, { dnat: '10.244.2.9:8080', snat: '10.244.1.0' }, 0)!;
    expect(e.reply).toEqual({ src: '10.244.2.9', dst: '10.244.1.0', sport: 8080, dport: 5555 });
    ct.create('udp', { src: '10.244.1.5', dst: '10.96.0.10', sport: 5353, dport: 53 }, {}, 0);
    expect(ct.delete({ protocol: 'udp' }, 1)).toBe(1);
    expect(ct.list(1).map((x) => x.protocol)).toEqual(['tcp']);
  });

  it('TCP close: FIN, FIN, ACK → TIME_WAIT; RST → CLOSE', () => {
    let s = nextTcpState('ESTABLISHED', 'fin', 'original');
    expect(s).toBe('FIN_WAIT');
    s = nextTcpState(s, 'fin', 'reply');
    expect(s).toBe('LAST_ACK');
    expect(nextTcpState(s, 'ack', 'original')).toBe('TIME_WAIT');
    expect(nextTcpState('ESTABLISHED', 'rst', 'reply')).toBe('CLOSE');
  });
});
