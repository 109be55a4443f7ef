import { describe, expect, it } from 'vitest';
import { HostLocalIpam } from './host-local-ipam';

describe('HostLocalIpam', () => {
  it('hands out addresses from .2 on, skipping network and gateway', () => {
    const ipam = new HostLocalIpam();
    ipam.addNode('n', '10.244.1.0/24');
    expect([ipam.allocate('n', 'a'), ipam.allocate('n', 'b')]).toEqual(['10.244.1.2', '10.244.1.3']);
  });

  it('continues after the last reserved address instead of reusing a freed one, then wraps', () => {
    const ipam = new HostLocalIpam();
    ipam.addNode('n', '10.0.0.0/29'); // usable .2-.6
    const got = ['a', 'b', 'c'].map((o) => ipam.allocate('n', o));
    ipam.release('n', got[0]!);
    expect(ipam.allocate('n', 'd')).toBe('10.0.0.5');
    expect(ipam.allocate('n', 'e')).toBe('10.0.0.6');
    expect(ipam.allocate('n', 'f')).toBe('10.0.0.2');
    expect(ipam.allocate('n', 'g')).toBeUndefined();
  });

  it('survives a JSON round trip', () => {
    const ipam = new HostLocalIpam();
    ipam.addNode('n', '10.244.2.0/24');
    ipam.allocate('n', 'a');
    const copy = new HostLocalIpam(JSON.parse(JSON.stringify(ipam.toJSON())));
    expect(copy.allocate('n', 'b')).toBe('10.244.2.3');
  });
});
