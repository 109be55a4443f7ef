// The learned path MTUs: per netns and destination, expiring after net.ipv4.route.mtu_expires,
// never below min_pmtu, and a grader's copy that leaves the learner's cache alone.

import { describe, expect, it } from 'vitest';
import { MIN_PMTU, PMTU_EXPIRES_S, PmtuCache } from './pmtu-cache';

describe('PmtuCache', () => {
  it('keeps an ICMP-learned MTU per netns and destination until it expires', () => {
    const cache = new PmtuCache();
    cache.learn('pod/shop/catalog', '10.244.1.5', 1400, 1_000);
    expect(cache.lookup('pod/shop/catalog', '10.244.1.5', 1_000)).toEqual({ mtu: 1400, expiresAtMs: 1_000 + PMTU_EXPIRES_S * 1000 });
    expect(cache.lookup('pod/shop/catalog', '10.244.1.6', 1_000)).toBeUndefined();
    expect(cache.lookup('pod/shop/other', '10.244.1.5', 1_000)).toBeUndefined();
    expect(cache.lookup('pod/shop/catalog', '10.244.1.5', 1_000 + PMTU_EXPIRES_S * 1000)).toBeUndefined();
  });

  it('never lowers a path below min_pmtu, and locks the metric when it had to raise it', () => {
    expect(new PmtuCache().learn('node/node-1', '172.18.0.3', 296, 0)).toMatchObject({ mtu: MIN_PMTU, locked: true });
    expect(new PmtuCache().learn('node/node-1', '172.18.0.3', 1400, 0).locked).toBeUndefined();
  });

  it('a flush forgets one netns and leaves the others', () => {
    const cache = new PmtuCache();
    cache.learn('node/node-1', '172.18.0.4', 1400, 0);
    cache.learn('node/node-1', '10.244.2.3', 1400, 0);
    cache.learn('node/node-10', '172.18.0.4', 1400, 0);
    cache.learn('pod/default/a', '172.18.0.4', 1400, 0);
    cache.flush('node/node-1');
    expect(cache.lookup('node/node-1', '172.18.0.4', 0)).toBeUndefined();
    expect(cache.lookup('node/node-1', '10.244.2.3', 0)).toBeUndefined();
    expect(cache.lookup('node/node-10', '172.18.0.4', 0)?.mtu).toBe(1400);
    expect(cache.lookup('pod/default/a', '172.18.0.4', 0)?.mtu).toBe(1400);
  });

  it('a clone learns on its own', () => {
    const cache = new PmtuCache();
    const copy = cache.clone();
    copy.learn('node/node-1', '172.18.0.3', 1400, 0);
    expect(cache.lookup('node/node-1', '172.18.0.3', 0)).toBeUndefined();
    expect(cache.toJSON()).toEqual({});
  });
});
