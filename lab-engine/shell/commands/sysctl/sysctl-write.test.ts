// sysctl writes on a node: -w and a bare key=value change the conntrack table's own limit (the
// value the packet engine enforces), the live count is read-only, bad values are the kernel's
// EINVAL; -p loads a file and --system re-reads every sysctl.d file in name order, so a value set
// with -w alone is lost on the next re-read while one written to a file stays.

import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

async function onNode(lines: string) {
  const sim = createSimulation({ seed: 1 });
  await sim.exec('ssh node-2');
  return sim.exec(lines);
}

describe('sysctl writes', () => {
  it("reads kube-proxy's limit, the live count and the kernel's conntrack values", async () => {
    const r = await onNode('sysctl net.netfilter.nf_conntrack_max net.nf_conntrack_max net.netfilter.nf_conntrack_buckets\nsysctl -n net.netfilter.nf_conntrack_count\nsysctl -a -r "tcp_timeout_time_wait|udp_timeout"');
    expect(r.stdout).toBe('net.netfilter.nf_conntrack_max = 131072\nnet.nf_conntrack_max = 131072\nnet.netfilter.nf_conntrack_buckets = 65536\n0\nnet.netfilter.nf_conntrack_tcp_timeout_time_wait = 120\nnet.netfilter.nf_conntrack_udp_timeout = 30\nnet.netfilter.nf_conntrack_udp_timeout_stream = 120\n');
  });

  it('writes with -w or key=value, echoing the setting; -q keeps quiet; both names are one value', async () => {
    const r = await onNode('sysctl -w net.netfilter.nf_conntrack_max=262144\nsysctl net.nf_conntrack_max=200000\nsysctl -q -w net.netfilter.nf_conntrack_tcp_timeout_time_wait=30\nsysctl -n net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_tcp_timeout_time_wait');
    expect(r.stdout).toBe('net.netfilter.nf_conntrack_max = 262144\nnet.nf_conntrack_max = 200000\n200000\n30\n');
    expect(r.exitCode).toBe(0);
  });

  it("refuses what the kernel refuses, in procps' words", async () => {
    const sim = createSimulation({ seed: 1 });
    const cases: [string, string, number][] = [
      ['sysctl -w net.netfilter.nf_conntrack_count=5', 'sysctl: permission denied on key "net.netfilter.nf_conntrack_count"\n', 255],
      ['sysctl -w net.netfilter.nf_conntrack_max=-1', 'sysctl: setting key "net.netfilter.nf_conntrack_max": Invalid argument\n', 255],
      ['sysctl -w net.netfilter.nf_conntrack_max=lots', 'sysctl: setting key "net.netfilter.nf_conntrack_max": Invalid argument\n', 255],
      ['sysctl -w net.netfilter.nf_conntrack_max', 'sysctl: "net.netfilter.nf_conntrack_max" must be of the form name=value\n', 255],
      ['sysctl -w net.netfilter.nope=1', 'sysctl: cannot stat /proc/sys/net/netfilter/nope: No such file or directory\n', 255],
      ['sysctl --bogus', "sysctl: invalid option -- 'b'\n", 1],
    ];
    for (const [line, stderr, code] of cases) {
      const r = await sim.exec(`ssh node-2 ${line}`);
      expect(r.stderr.startsWith(stderr), `${line}: ${r.stderr}`).toBe(true);
      expect(r.exitCode).toBe(code);
    }
    // ip_forward is the node's to change now (the packet walk honours it, netns-walk.test.ts).
    expect((await sim.exec('ssh node-2 sysctl -w net.ipv4.ip_forward=0')).stdout).toBe('net.ipv4.ip_forward = 0\n');
    expect((await sim.exec('ssh node-2 sysctl -n net.ipv4.ip_forward')).stdout).toBe('0\n');
    expect((await sim.exec('ssh node-2 sysctl -w net.ipv4.ip_forward=1')).exitCode).toBe(0);
    expect((await sim.exec('ssh node-2 sysctl -w net.ipv4.ip_forward=on')).exitCode).toBe(255);
    expect((await sim.exec('ssh node-2 sysctl --help')).stdout).toContain(' -p, --load[=<file>]  read values from file\n');
    expect((await sim.exec('ssh node-2 sysctl -n net.netfilter.nf_conntrack_max')).stdout).toBe('131072\n');
  });

  it('loads a file with -p, and --system re-reads every sysctl.d file in name order and then /etc/sysctl.conf, undoing a -w', async () => {
    const r = await onNode([
      'printf "# sized by hand\\nnet.netfilter.nf_conntrack_max = 8192\\n;old = 1\\n-net.core.nope = 2\\n" > /etc/sysctl.d/90-conntrack.conf',
      'sysctl -p /etc/sysctl.d/90-conntrack.conf',
      'sysctl -w net.netfilter.nf_conntrack_max=131072 >/dev/null',
      'sysctl --system',
      'sysctl -n net.netfilter.nf_conntrack_max',
      'sysctl -p',
    ].join('\n'));
    expect(r.stdout).toBe([
      'net.netfilter.nf_conntrack_max = 8192',
      '* Applying /etc/sysctl.d/90-conntrack.conf ...',
      'net.netfilter.nf_conntrack_max = 8192',
      '* Applying /etc/sysctl.d/k8s.conf ...',
      'net.ipv4.ip_forward = 1',
      '* Applying /etc/sysctl.conf ...',
      '8192',
      '',
    ].join('\n'));
    // `sysctl -p` reads /etc/sysctl.conf, all comments on Ubuntu: not the sysctl.d file.
    expect(r.exitCode).toBe(0);
    expect((await onNode('sysctl -p /etc/nope.conf')).stderr).toBe('sysctl: cannot open "/etc/nope.conf": No such file or directory\n');
  });

  it('leaves a pod without the node conntrack keys', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run bb --image=busybox:1.36 -- sleep 3600; sleep 5');
    const r = await sim.exec('kubectl exec bb -- sysctl net.netfilter.nf_conntrack_max');
    expect(r.stderr).toContain('cannot stat /proc/sys/net/netfilter/nf_conntrack_max');
  });
});
