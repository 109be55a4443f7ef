// The per-node kernel parameters `sysctl -w` may change: defaults as a 6.x kernel has them,
// values validated as the kernel does (an inverted ip_local_port_range is EINVAL), per node.

import { describe, expect, it } from 'vitest';
import { ConntrackTable } from '../conntrack/conntrack';
import { NodeSysctls, normaliseSysctl, sysctlNames, writableSysctl } from './node-sysctls';

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

  it('bound nf_conntrack_max and the TIME_WAIT timeout as proc_dointvec_minmax and proc_dointvec_jiffies do', () => {
    expect(normaliseSysctl('net.netfilter.nf_conntrack_max', '+4096')).toEqual({ value: '4096' });
    expect(normaliseSysctl('net.netfilter.nf_conntrack_max', '0')).toEqual({ value: '0' });
    expect(normaliseSysctl('net.netfilter.nf_conntrack_max', '2147483648')).toEqual({ error: 'invalid' });
    expect(normaliseSysctl('net.netfilter.nf_conntrack_max', '-1')).toEqual({ error: 'invalid' });
    // INT_MAX / HZ (1000): one more second would overflow the jiffies.
    expect(normaliseSysctl('net.netfilter.nf_conntrack_tcp_timeout_time_wait', '2147483')).toEqual({ value: '2147483' });
    expect(normaliseSysctl('net.netfilter.nf_conntrack_tcp_timeout_time_wait', '2147484')).toEqual({ error: 'invalid' });
  });

  it('serve net.nf_conntrack_max as the same value as net.netfilter.nf_conntrack_max', () => {
    expect(writableSysctl('net.nf_conntrack_max')).toBe('net.netfilter.nf_conntrack_max');
    expect(writableSysctl('net.ipv4.ip_forward')).toBe('net.ipv4.ip_forward');
    expect(writableSysctl('net.ipv4.tcp_syncookies')).toBeUndefined();
    expect(sysctlNames('net.netfilter.nf_conntrack_max')).toEqual(['net.netfilter.nf_conntrack_max', 'net.nf_conntrack_max']);
  });

  it('keep ip_forward per node: any integer, non-zero forwards', () => {
    const s = new NodeSysctls();
    expect(s.forwarding('node-1')).toBe(true);
    expect(s.write('node-1', 'net.ipv4.ip_forward', '0')).toEqual({ ok: true, value: '0' });
    expect(s.forwarding('node-1')).toBe(false);
    expect(s.forwarding('node-2')).toBe(true);
    expect(s.write('node-1', 'net.ipv4.ip_forward', 'yes')).toEqual({ ok: false, error: 'invalid' });
    expect(s.write('node-1', 'net.ipv4.ip_forward', '2')).toEqual({ ok: true, value: '2' });
    expect(s.forwarding('node-1')).toBe(true);
  });

  it("are the values a node's conntrack table obeys: one store, read and written through the table's view", () => {
    const s = new NodeSysctls();
    const table = new ConntrackTable(s.conntrackView('node-2'));
    expect(s.write('node-2', 'net.netfilter.nf_conntrack_max', '1')).toEqual({ ok: true, value: '1' });
    expect(table.sysctl.max).toBe(1);
    expect(table.create('tcp', { src: '10.244.1.2', dst: '10.96.0.10', sport: 40000, dport: 80 }, {}, 0)).toBeDefined();
    expect(table.create('tcp', { src: '10.244.1.2', dst: '10.96.0.10', sport: 40001, dport: 80 }, {}, 0)).toBeUndefined();
    table.sysctl.tcpTimeoutTimeWait = 30;
    expect(s.timeWaitSeconds('node-2')).toBe(30);
    expect(s.timeWaitSeconds('node-1')).toBe(120);
  });

  it("take kube-proxy's nf_conntrack_max once per container start, over a learner's write", () => {
    const s = new NodeSysctls();
    expect(s.kubeProxyStarted('node-2', 'uid/t0', 131_072)).toBe(true);
    s.write('node-2', 'net.netfilter.nf_conntrack_max', '4096');
    expect(s.kubeProxyStarted('node-2', 'uid/t0', 131_072)).toBe(false);
    expect(s.conntrackMax('node-2')).toBe(4096);
    // A restored session remembers the start it already applied.
    const copy = new NodeSysctls();
    copy.restore(s.toJSON(), s.kubeProxyStartsJSON());
    expect(copy.kubeProxyStarted('node-2', 'uid/t0', 131_072)).toBe(false);
    expect(copy.kubeProxyStarted('node-2', 'uid/t1', 131_072)).toBe(true);
    expect(copy.conntrackMax('node-2')).toBe(131_072);
    // Back at the default, the node has nothing a snapshot must keep.
    expect(copy.toJSON()).toEqual({});
  });
});
