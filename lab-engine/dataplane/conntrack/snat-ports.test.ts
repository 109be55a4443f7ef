// The masquerade port table: 64,512 ports per (SNAT IP, protocol, destination) as
// nf_nat_l4proto_unique_tuple counts them, released when their hold (TIME_WAIT) runs out, pools
// set rather than added, failures counted as insert_failed and drop, and a snapshot that restores.

import { describe, expect, it } from 'vitest';
import { NAT_PORT_COUNT, SnatPortTable, type SnatTuple } from './snat-ports';

const API: SnatTuple = { snatIp: '172.18.0.3', protocol: 'tcp', dst: '203.0.113.10', dport: 443 };
const OTHER_PORT: SnatTuple = { ...API, dport: 80 };
const T0 = 1_000_000;
const POD = '10.244.1.2';

describe('SnatPortTable', () => {
  it('has 1024-65535 for each destination, no matter how many are used towards another', () => {
    expect(NAT_PORT_COUNT).toBe(64_512);
    const table = new SnatPortTable();
    expect(table.allocate(API, POD, 70_000, T0 + 120_000, T0)).toBe(64_512);
    expect(table.free(API, T0)).toBe(0);
    expect(table.free(OTHER_PORT, T0)).toBe(64_512);
    expect(table.stats).toEqual({ insert: 64_512, insertFailed: 70_000 - 64_512, drop: 70_000 - 64_512 });
  });

  it('releases ports when their hold ends, to the second', () => {
    const table = new SnatPortTable();
    table.allocate(API, POD, 500, T0 + 120_000, T0);
    table.allocate(API, POD, 300, T0 + 121_000, T0 + 1_000);
    expect(table.inUse(API, T0 + 119_999)).toBe(800);
    expect(table.inUse(API, T0 + 120_000)).toBe(300);
    expect(table.inUse(API, T0 + 121_000)).toBe(0);
  });

  it('fills at 900 new connections a second held 120 s, and holds at 500 a second', () => {
    const busy = new SnatPortTable();
    const steady = new SnatPortTable();
    let failed = 0;
    for (let s = 0; s < 300; s++) {
      const now = T0 + s * 1000;
      failed += 900 - busy.allocate(API, POD, 900, now + 120_000, now);
      expect(steady.allocate(API, POD, 500, now + 120_000, now)).toBe(500);
    }
    expect(failed).toBeGreaterThan(0);
    expect(busy.free(API, T0 + 299_000)).toBe(0);
    expect(steady.inUse(API, T0 + 299_000)).toBe(500 * 120);
  });

  it('sets a keep-alive pool rather than adding to it, and lets it lapse', () => {
    const table = new SnatPortTable();
    expect(table.hold(API, 'shop/checkout-a/checkout', POD, 15, T0 + 120_000, T0)).toBe(15);
    expect(table.hold(API, 'shop/checkout-a/checkout', POD, 15, T0 + 121_000, T0 + 1_000)).toBe(15);
    expect(table.inUse(API, T0 + 1_000)).toBe(15);
    expect(table.inUse(API, T0 + 121_000)).toBe(0);
  });

  it('gives a pool only the ports that are free', () => {
    const table = new SnatPortTable();
    table.allocate(API, POD, NAT_PORT_COUNT - 4, T0 + 120_000, T0);
    expect(table.hold(API, 'pod', POD, 15, T0 + 60_000, T0)).toBe(4);
    expect(table.stats.insertFailed).toBe(11);
  });

  it('survives a snapshot', () => {
    const table = new SnatPortTable();
    table.allocate(API, POD, 10, T0 + 5_000, T0);
    table.fail(2);
    const copy = SnatPortTable.restore(JSON.parse(JSON.stringify(table.toJSON())));
    expect(copy.inUse(API, T0)).toBe(10);
    expect(copy.stats.insertFailed).toBe(2);
    expect(copy.list(T0)).toEqual([{ tuple: API, inUse: 10 }]);
  });

  it('groups the counted flows by source and state, and deletes them as conntrack -D would', () => {
    const table = new SnatPortTable();
    table.allocate(API, POD, 5, T0 + 120_000, T0);
    table.allocate(API, '10.244.1.3', 2, T0 + 120_000, T0);
    table.hold(OTHER_PORT, 'pool', POD, 3, T0 + 60_000, T0);
    expect(table.groups(T0)).toEqual([
      { tuple: OTHER_PORT, src: POD, state: 'ESTABLISHED', count: 3, expiresAtMs: T0 + 60_000 },
      { tuple: API, src: POD, state: 'TIME_WAIT', count: 5, expiresAtMs: T0 + 120_000 },
      { tuple: API, src: '10.244.1.3', state: 'TIME_WAIT', count: 2, expiresAtMs: T0 + 120_000 },
    ]);
    expect(table.deleteGroups((g) => g.src === POD && g.tuple.dport === 443, T0)).toBe(5);
    expect(table.inUse(API, T0)).toBe(2);
    expect(table.deleteGroups(() => true, T0)).toBe(5);
    expect(table.list(T0)).toEqual([]);
  });
});
