// sysctl on a node: the parameters kubeadm's preflight and the CNIs rely on (kubeadm
// docs "Container Runtimes": net.ipv4.ip_forward = 1, br_netfilter's
// net.bridge.bridge-nf-call-iptables = 1), procps-ng's "key = value" format, -n, and its
// "cannot stat /proc/sys/..." error (exit 255) for a key that does not exist.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

describe('sysctl', () => {
  it('reads the node parameters Kubernetes networking needs', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('ssh node-1\nsysctl net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables\nsysctl -n net.ipv4.conf.all.route_localnet\nsysctl -a | grep -c "^net.ipv4.conf.tunl0."\nsysctl net.ipv4.nope\nexit');
    expect(r.stdout).toContain('net.ipv4.ip_forward = 1\nnet.bridge.bridge-nf-call-iptables = 1\n1\n8\n');
    expect(r.stderr).toContain('sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n');
  });

  it('writes the parameters a node kernel model reads, on a node only, in procps-ng\'s words', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec('ssh node-1\nsysctl -w net.ipv4.ip_local_port_range="1024 65535"\nsysctl net.ipv4.ip_local_port_range\nsysctl net.netfilter.nf_conntrack_tcp_timeout_time_wait=30\nsysctl -n net.netfilter.nf_conntrack_tcp_timeout_time_wait\nexit');
    expect(r.stdout).toContain('net.ipv4.ip_local_port_range = 1024 65535\nnet.ipv4.ip_local_port_range = 1024\t65535\nnet.netfilter.nf_conntrack_tcp_timeout_time_wait = 30\n30\n');
    expect((await sim.exec('ssh node-2 sysctl -n net.ipv4.ip_local_port_range')).stdout).toBe('32768\t60999\n');
    const bad = await sim.exec(`ssh node-1 'sysctl -w net.ipv4.ip_local_port_range="500 60999"'`);
    expect(bad.stderr).toBe('sysctl: setting key "net.ipv4.ip_local_port_range": Invalid argument\n');
    // procps returns -1 for a failed setting: exit status 255 (puppet-sysctl#6, app-wireguard#52).
    expect(bad.exitCode).toBe(255);
    // Unquoted for the node's shell, the value splits in two: procps-ng wants name=value for each.
    expect((await sim.exec('ssh node-1 sysctl -w net.ipv4.ip_local_port_range=1024 65535')).stderr).toContain('sysctl: "65535" must be of the form name=value\n');
    expect((await sim.exec('ssh node-1 sysctl -w net.ipv4.nope=1')).stderr).toBe('sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n');
    // -p reads /etc/sysctl.conf, all comments on Ubuntu: nothing to apply, nothing wrong.
    expect((await sim.exec('ssh node-1 sysctl -p')).exitCode).toBe(0);
    // The store the conntrack table reads: the timeout written above ages node-1's TIME_WAIT flows, not node-2's.
    expect((await sim.exec('ssh node-1 cat /proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait')).stdout).toBe('30\n');
    expect((await sim.exec('ssh node-2 cat /proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait')).stdout).toBe('120\n');
  });

  it('cannot write from a pod: /proc/sys is read-only there', async () => {
    const sim = createSimulation({ seed: 1 });
    await sim.exec('kubectl run t --image=busybox:1.36 -- sleep 1d');
    settle(sim);
    const r = await sim.exec('kubectl exec t -- sysctl -w net.ipv4.ip_local_port_range="1024 65535"');
    expect(r.stderr).toContain('sysctl: setting key "net.ipv4.ip_local_port_range": Read-only file system\n');
    expect(r.exitCode).toBe(255);
  });

  it("shows proxy_arp on Calico's workload veths", async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec("kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  nodeName: node-1\n  containers: [{name: nginx, image: nginx}]\nEOF")).exitCode).toBe(0);
    settle(sim);
    const r = await sim.exec('ssh node-1\nsysctl -a | grep "^net.ipv4.conf.cali.*proxy_arp"\nexit');
    expect(r.stdout).toMatch(/net\.ipv4\.conf\.cali[0-9a-f]{11}\.proxy_arp = 1\n/);
  });
});
