// A node's /proc/sys conntrack files are the table's own values: cat reads them live, echo writes
// the limit the packet engine enforces, bad values and the read-only count fail as the kernel does.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';

describe('/proc/sys on a node', () => {
  it('reads and writes nf_conntrack_max through the table sysctl reads', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('ssh node-2');
    const r = await sim.exec([
      'cat /proc/sys/net/netfilter/nf_conntrack_max /proc/sys/net/netfilter/nf_conntrack_count',
      'echo 4096 > /proc/sys/net/netfilter/nf_conntrack_max',
      'sysctl net.netfilter.nf_conntrack_max',
      'cat /proc/sys/net/nf_conntrack_max',
      'ls /proc/sys/net/netfilter',
    ].join('\n'));
    expect(r.stdout).toBe('131072\n0\nnet.netfilter.nf_conntrack_max = 4096\n4096\nnf_conntrack_count\nnf_conntrack_max\nnf_conntrack_tcp_timeout_time_wait\n');
  });

  it('refuses a value that is not a number and any write to the count', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('ssh node-2');
    const bad = await sim.exec('echo lots > /proc/sys/net/netfilter/nf_conntrack_max');
    expect(bad.stderr).toContain('Invalid argument');
    expect(bad.exitCode).not.toBe(0);
    expect((await sim.exec('echo 1 > /proc/sys/net/netfilter/nf_conntrack_count')).stderr).toContain('Permission denied');
    expect((await sim.exec('cat /proc/sys/net/netfilter/nf_conntrack_max')).stdout).toBe('131072\n');
  });

  it('serves ip_local_port_range from the same store sysctl writes, with its EINVAL rules', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('ssh node-1');
    const r = await sim.exec(['echo "1024 65535" > /proc/sys/net/ipv4/ip_local_port_range', 'sysctl net.ipv4.ip_local_port_range', 'echo "500 60999" > /proc/sys/net/ipv4/ip_local_port_range'].join('\n'));
    expect(r.stdout).toBe('net.ipv4.ip_local_port_range = 1024\t65535\n');
    expect(r.stderr).toContain('Invalid argument');
    expect((await sim.exec('echo 1 > /proc/sys/net/ipv4/nope')).stderr).toContain('No such file or directory');
  });

  it('is not on the workstation', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('cat /proc/sys/net/netfilter/nf_conntrack_max')).exitCode).not.toBe(0);
  });
});
