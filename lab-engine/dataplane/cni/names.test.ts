import { describe, expect, it } from 'vitest';
import { linkLocalFromMac, sha1Hex } from './names';
import { calicoVethName } from './calico/veth-name';

describe('names', () => {
  it('computes SHA-1 like the standard vectors (FIPS 180 "abc", empty string)', () => {
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex('a'.repeat(1000))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
  });

  it('names calico veths cali + 11 hex digits of sha1("<ns>.<pod>")', () => {
    expect(calicoVethName('default', 'web')).toBe(`cali${sha1Hex('default.web').slice(0, 11)}`);
    expect(calicoVethName('default', 'web')).toMatch(/^cali[0-9a-f]{11}$/);
  });

  it('derives the link-local address like the kernel (EUI-64): ee:ee:ee:ee:ee:ee -> fe80::ecee:eeff:feee:eeee', () => {
    // Seen on every calico host-side veth, e.g. projectcalico field captures of `ip addr`.
    expect(linkLocalFromMac('ee:ee:ee:ee:ee:ee')).toBe('fe80::ecee:eeff:feee:eeee');
    expect(linkLocalFromMac('6e:45:4a:da:69:49')).toBe('fe80::6c45:4aff:feda:6949');
  });
});
