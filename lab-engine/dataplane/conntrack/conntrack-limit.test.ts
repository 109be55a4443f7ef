// The table's size is its nf_conntrack_max (kube-proxy's value unless a sysctl changed it): past
// it a new flow is refused, counted as `drop` and logged; a flood's cohorts count, list, expire
// and delete like the entries they stand for.

import { describe, expect, it } from 'vitest';
import { ConntrackTable } from './conntrack';
import { DEFAULT_NF_CONNTRACK_MAX, defaultConntrackSysctls, kubeProxyConntrackMax } from './conntrack-sysctls';
import { TABLE_FULL_MESSAGE } from './kernel-log';

const flow = (sport: number) => ({ src: '10.244.2.2', dst: '10.96.0.50', sport, dport: 80 });

describe('nf_conntrack_max', () => {
  it("is kube-proxy's getConntrackMax: maxPerCore x cores, never below min; maxPerCore 0 leaves the kernel alone", () => {
    expect(DEFAULT_NF_CONNTRACK_MAX).toBe(131_072);
    expect(kubeProxyConntrackMax(32_768, 131_072, 8)).toBe(262_144);
    expect(kubeProxyConntrackMax(32_768, 131_072, 2)).toBe(131_072);
    expect(kubeProxyConntrackMax(0)).toBeUndefined();
    expect(new ConntrackTable().sysctl.max).toBe(131_072);
  });

  it('refuses a new flow once count reaches max, counts drop and logs the kernel line', () => {
    const t = new ConntrackTable();
    t.sysctl.max = 2;
    expect(t.create('tcp', flow(40000), {}, 0)).toBeDefined();
    expect(t.create('tcp', flow(40001), {}, 0)).toBeDefined();
    expect(t.create('tcp', flow(40002), {}, 1000)).toBeUndefined();
    expect(t.stats).toMatchObject({ insert: 2, drop: 1 });
    expect(t.kernelLog.lines).toEqual([{ atMs: 1000, text: TABLE_FULL_MESSAGE }]);
    // A SYN_SENT entry lives 120 s: once both are gone the table has room again.
    expect(t.room(120_000)).toBe(2);
    expect(t.create('tcp', flow(40003), {}, 120_000)).toBeDefined();
  });

  it('treats max 0 as no limit, as the kernel does', () => {
    const t = new ConntrackTable();
    t.sysctl.max = 0;
    expect(t.room(0)).toBe(Infinity);
    expect(t.create('udp', flow(1), {}, 0)).toBeDefined();
  });

  it("keeps a flood's second as one cohort: counted, expanded by -L with consecutive ports, expired together", () => {
    const t = new ConntrackTable();
    t.sysctl.max = 1000;
    t.create('tcp', flow(50000), {}, 0);
    t.addBulk({ count: 300, protocol: 'tcp', orig: flow(40000), reply: { src: '10.244.1.2', dst: '10.244.2.2', sport: 80, dport: 40000 }, tcpState: 'TIME_WAIT', seenReply: true, assured: true, expiresAtMs: 120_000 }, 0);
    expect(t.count(1000)).toBe(301);
    expect(t.room(1000)).toBe(699);
    const listed = t.list(1000);
    expect(listed).toHaveLength(301);
    expect(listed[1].orig.sport).toBe(40000);
    expect(listed[300]).toMatchObject({ orig: { sport: 40299 }, reply: { dport: 40299 }, tcpState: 'TIME_WAIT', assured: true });
    expect(new Set(listed.map((e) => e.id)).size).toBe(301);
    expect(t.count(120_000)).toBe(0);
  });

  it('deletes single flows out of a cohort by port, and whole cohorts by what they share', () => {
    const t = new ConntrackTable();
    t.addBulk({ count: 10, protocol: 'tcp', orig: flow(40000), reply: { src: '10.244.1.2', dst: '10.244.2.2', sport: 80, dport: 40000 }, tcpState: 'TIME_WAIT', seenReply: true, assured: true, expiresAtMs: 120_000 }, 0);
    expect(t.delete({ sport: 40003 }, 0)).toBe(1);
    expect(t.count(0)).toBe(9);
    expect(t.delete({ protocol: 'tcp', dport: 80 }, 0)).toBe(9);
    expect(t.count(0)).toBe(0);
  });

  it("round-trips its size, cohorts and kernel log through a snapshot, and an empty table is pristine", () => {
    // The table's sysctls are its node store's (a view): a snapshot of the table leaves them to the store.
    const sysctl = defaultConntrackSysctls();
    const t = new ConntrackTable(sysctl);
    expect(t.isPristine()).toBe(true);
    t.sysctl.max = 5;
    t.addBulk({ count: 5, protocol: 'udp', orig: flow(40000), reply: { src: '10.96.0.50', dst: '10.244.2.2', sport: 80, dport: 40000 }, seenReply: false, assured: false, expiresAtMs: 30_000 }, 0);
    t.refuse(10, 3);
    const back = ConntrackTable.restore(JSON.parse(JSON.stringify(t.toJSON())), sysctl);
    expect(back.sysctl.max).toBe(5);
    expect(back.count(10)).toBe(5);
    expect(back.room(10)).toBe(0);
    expect(back.stats.drop).toBe(3);
    expect(back.kernelLog.lines).toHaveLength(3);
    expect(back.isPristine()).toBe(false);
  });

  it('weighs flows the node counts elsewhere (masquerade\'s counted flows) against nf_conntrack_max', () => {
    const sysctl = defaultConntrackSysctls();
    sysctl.max = 3;
    const t = new ConntrackTable(sysctl, () => 2);
    expect(t.count(0)).toBe(2);
    expect(t.create('tcp', flow(40000), {}, 0)).toBeDefined();
    expect(t.create('tcp', flow(40001), {}, 0)).toBeUndefined();
    expect(t.stats.drop).toBe(1);
  });
});
