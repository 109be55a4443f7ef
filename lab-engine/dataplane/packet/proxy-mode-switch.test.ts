// kube-proxy reads its mode from the kube-proxy ConfigMap when its pod starts (kubeadm's
// config.conf, `mode:`), so editing the ConfigMap changes nothing until the DaemonSet's pods are
// restarted; then each node is reprogrammed: IPVS virtual servers, and the Service addresses
// bound to the dummy device kube-ipvs0 (DOWN, NOARP), as kube-proxy's IPVS proxier does.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';

const SWITCH_TO_IPVS = [
  'kubectl -n kube-system get configmap kube-proxy -o yaml > kp.yaml',
  // kubeadm writes `mode: ""` (iptables on Linux): cmd/kubeadm's defaulted KubeProxyConfiguration.
  'sed -i \'s/^    mode: ""$/    mode: ipvs/\' kp.yaml',
  'kubectl apply -f kp.yaml',
];

describe('switching kube-proxy from iptables to IPVS through its ConfigMap', () => {
  it('takes effect on restart only, then ipvsadm, kube-ipvs0, ipset and iptables show IPVS mode; switching back restores the iptables chains', async () => {
    const sim = createSimulation({ seed: 3 });
    for (const line of SWITCH_TO_IPVS) expect((await sim.exec(line)).exitCode, line).toBe(0);
    expect((await sim.exec('kubectl -n kube-system get cm kube-proxy -o jsonpath="{.data.config\\.conf}" | grep "^mode:"')).stdout).toBe('mode: ipvs\n');

    const before = await sim.exec('ssh node-1\nipvsadm -Ln\nip -br link show kube-ipvs0\nexit');
    expect(before.stdout).not.toContain('TCP  10.96.0.1:443 rr');
    expect(before.stderr).toContain('Device "kube-ipvs0" does not exist.');

    expect((await sim.exec('kubectl -n kube-system rollout restart daemonset kube-proxy')).exitCode).toBe(0);
    settle(sim);
    const after = await sim.exec('ssh node-1\nipvsadm -Ln\nip addr show kube-ipvs0\niptables -t nat -L KUBE-SERVICES -n\nexit');
    expect(after.stdout).toContain('TCP  10.96.0.1:443 rr\n  -> 172.18.0.2:6443              Masq    1      0          0         \n');
    expect(after.stdout).toMatch(/\d+: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default \n {4}link\/ether [0-9a-f:]{17} brd ff:ff:ff:ff:ff:ff\n {4}inet 10\.96\.0\.1\/32 scope global kube-ipvs0\n/);
    expect(after.stdout).toContain('    inet 10.96.0.10/32 scope global kube-ipvs0\n');
    // pkg/proxy/ipvs/proxier.go writeIptablesRules: KUBE-SERVICES matches ipsets, no per-Service chains.
    expect(after.stderr).toBe('Connection to node-1 closed.\n');
    expect(after.stdout).toContain('Chain KUBE-SERVICES (2 references)\ntarget     prot opt source               destination         \nRETURN     0    --  127.0.0.0/8          0.0.0.0/0           \nKUBE-MARK-MASQ  0    -- !10.244.0.0/16        0.0.0.0/0            /* Kubernetes service cluster ip + port for masquerade purpose */ match-set KUBE-CLUSTER-IP dst,dst\n');
    expect(after.stdout).not.toContain('KUBE-SVC-');
    expect((await sim.exec('ssh node-1 ipset list KUBE-CLUSTER-IP')).stdout).toContain('Members:\n10.96.0.1,tcp:443\n10.96.0.10,tcp:53\n10.96.0.10,tcp:9153\n10.96.0.10,udp:53\n');

    // ... and back: the iptables proxier's chains return, the ipsets are gone.
    for (const line of ['kubectl -n kube-system get configmap kube-proxy -o yaml > kp.yaml', 'sed -i "s/^    mode: ipvs$/    mode: iptables/" kp.yaml', 'kubectl apply -f kp.yaml', 'kubectl -n kube-system rollout restart daemonset kube-proxy']) {
      expect((await sim.exec(line)).exitCode, line).toBe(0);
    }
    settle(sim);
    // kube-proxy's sets and set rules go; Calico's Felix keeps its own (cali-nat-outgoing, cali40*).
    const back = await sim.exec('ssh node-1\niptables-save -t nat | grep -c "match-set KUBE-"\niptables -t nat -S KUBE-SERVICES | grep -c KUBE-SVC-\nipset list -n | grep -c KUBE-\nexit');
    expect(back.stdout.split('\n').slice(-5)).toEqual(['0', '4', '0', 'logout', '']);
  });

  it('an empty mode means iptables on Linux, as kube-proxy defaults it', async () => {
    const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: 'ipvs' } });
    for (const line of ['kubectl -n kube-system get configmap kube-proxy -o yaml > kp.yaml', 'sed -i "s/^    mode: ipvs$/    mode: \\"\\"/" kp.yaml', 'kubectl apply -f kp.yaml', 'kubectl -n kube-system rollout restart ds kube-proxy']) {
      expect((await sim.exec(line)).exitCode, line).toBe(0);
    }
    settle(sim);
    const r = await sim.exec('ssh node-2\niptables -t nat -L KUBE-SERVICES -n | head -2\nexit');
    expect(r.stdout).toContain('Chain KUBE-SERVICES (2 references)');
  });
});
