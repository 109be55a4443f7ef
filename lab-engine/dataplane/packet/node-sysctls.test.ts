// The per-node kernel parameters `sysctl -w` may change: defaults as a 6.x kernel has them,
// values validated as the kernel does (an inverted ip_local_port_range is EINVAL), per node.

import { describe, expect, it } from 'vitest';
import { NodeSysctls, normaliseSysctl } from './node-sysctls';

describe('node sysctls', () => {
  it('start at the kernel defaults and change per node', () => {
    const s = new NodeSysctls();
    expect(s.get('node-1', 'net.ipv4.ip_local_port_range')).toBe('32768\t60999');
    expect(s.timeWaitSeconds('node-1')).toBe(120);
    s.set('node-1', 'net.netfilter.nf_conntrack_tcp_timeout_time_wait', '30');
    expect(s.timeWaitSeconds('node-1')).toBe(30);
    expect(s.timeWaitSeconds('node-2')).toBe(120);
    const copy = new NodeSysctls();
    copy.restore(s.toJSON());
    expect(copy.timeWaitSeconds('node-1')).toBe(30);
  });

  it('validate values as the kernel does', () => {
    expect(normaliseSysctl('net.ipv4.ip_local_port_range', '1024 65535')).toEqual({ value: '1024\t65535' });
    expect(normaliseSysctl('net.ipv4.ip_local_port_range', '60999 32768')).toEqual({ error: 'invalid' });
    expect(normaliseSysctl('net.ipv4.ip_local_port_range', '1024')).toEqual({ error: 'invalid' });
    expect(normaliseSysctl('net.ipv4.ip_local_port_range', '1024 70000')).toEqual({ error: 'invalid' });
    // Below ip_unprivileged_port_start (1024): EINVAL.
    expect(normaliseSysctl('net.ipv4.ip_local_port_range', '500 60999')).toEqual({ error: 'invalid' });
    expect(normaliseSysctl('net.netfilter.nf_conntrack_tcp_timeout_time_wait', '30')).toEqual({ value: '30' });
    expect(normaliseSysctl('net.netfilter.nf_conntrack_tcp_timeout_time_wait', '-1')).toEqual({ error: 'invalid' });
  });
});
