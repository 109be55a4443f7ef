// kube-proxy's nftables mode seen from a node and from kubectl, against the real behaviour:
// - `nft list table ip kube-proxy`: kubernetes/kubernetes pkg/proxy/nftables/proxier.go (v1.34:
//   setupNFTables, syncProxyRules; base chains of PR #132456) and proxier_test.go's expected
//   rulesets (TestOverallNFTablesRules) for chain names and rule shapes; layout as nft 1.0.9 lists.
// - iptables-save in nftables mode: kube-proxy writes no iptables rules and cleans up the iptables
//   proxier's (pkg/proxy/iptables CleanupLeftovers); kubelet's KUBE-IPTABLES-HINT,
//   KUBE-KUBELET-CANARY and KUBE-FIREWALL stay (pkg/kubelet/kubelet_network_linux.go).
// - logs: cmd/kube-proxy/app/server_linux.go createProxier ("Using nftables Proxier"),
//   platformApplyDefaults ("Using iptables proxy" for an empty mode), component-base cli.Run
//   (`run.go:72] "command failed"`), pkg/proxy/apis/config/validation validateProxyModeLinux.
// The default Services' chain names (service-2QRHZV4L-default/kubernetes/tcp/https,
// service-FY5PMXPG-kube-system/kube-dns/udp/dns, ...) match those a real v1.34 cluster lists.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

const golden = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8');
const NFT = { cni: 'calico', proxyMode: 'nftables' } as const;

describe('kube-proxy in nftables mode', () => {
  it('programs table ip kube-proxy as v1.34 writes it, and nft lists it', async () => {
    const sim = createSimulation({ seed: 7, topology: NFT });
    const r = await sim.exec('ssh node-1 nft list table ip kube-proxy');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(golden('nft-list-table-node-1.txt'));
    const tables = await sim.exec('ssh node-1 nft list tables');
    expect(tables.stdout).toContain('table ip kube-proxy\n');
  });

  it('leaves iptables with kubelet chains only: no KUBE-SERVICES, KUBE-SVC or KUBE-SEP', async () => {
    // kubenet: no CNI agent writes iptables rules of its own, so what remains is kubelet's alone.
    const sim = createSimulation({ seed: 7, topology: { cni: 'kubenet', proxyMode: 'nftables' } });
    const r = await sim.exec('ssh node-1 iptables-save');
    expect(r.stdout.replace(/ on .*$/gm, ' on DATE')).toBe(golden('iptables-save-nftables-mode.txt'));
    // On Calico, Felix's chains stay in iptables beside kube-proxy's nftables table.
    const calico = await createSimulation({ seed: 7, topology: NFT }).exec('ssh node-1 iptables-save');
    expect(calico.stdout).toMatch(/^:cali-FORWARD - /m);
    expect(calico.stdout).not.toMatch(/KUBE-SVC-|KUBE-SEP-|KUBE-SERVICES/);
  });

  it('walks the nft ruleset: trace names nat-prerouting, the service chain, the numgen draw and the DNAT', async () => {
    const sim = createSimulation({ seed: 7, topology: NFT });
    for (const line of ['kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80', 'kubectl run c --image=curlimages/curl -- sleep 3600']) await sim.exec(line);
    settle(sim);
    const r = await sim.exec('trace pod/c svc/web:80');
    expect(r.stdout).toMatch(/nft ip kube-proxy nat-prerouting: nat-prerouting → services → service-PFISGYVC-default\/web\/tcp\/ → endpoint-[A-Z2-7]{8}-default\/web\/tcp\/__10\.244\.\d+\.\d+\/80: DNAT 10\.\d+\.\d+\.\d+:80 → 10\.244\.\d+\.\d+:80/);
    expect(r.stdout).toContain('· services: ip daddr . meta l4proto . th dport vmap @service-ips\n');
    expect(r.stdout).toMatch(/· service-PFISGYVC-default\/web\/tcp\/: numgen random mod 2 drew [01] → goto endpoint-/);
    expect(r.stdout).toContain('verdict: DELIVERED to pod default/web-');
    expect((await sim.exec('kubectl exec c -- curl -s -o /dev/null -w "%{http_code}" web')).stdout).toBe('200');
    // A port the ClusterIP does not serve is rejected by cluster-ips-check (iptables mode would time out).
    const wrongPort = await sim.exec('trace pod/c svc/web:81');
    expect(wrongPort.stdout).toContain('nft ip kube-proxy filter-forward: reject: the ClusterIP serves no such port (cluster-ips-check)');
  });

  it('nft answers unknown syntax and missing objects in its own words', async () => {
    const sim = createSimulation({ seed: 7, topology: NFT });
    const r = await sim.exec('ssh node-1\nnft list foo\nnft list chain ip kube-proxy nope\nnft list map ip kube-proxy service-ips | head -3\nexit');
    expect(r.stderr).toContain('Error: syntax error, unexpected string\nlist foo\n     ^^^\n');
    expect(r.stderr).toContain('Error: No such file or directory\nlist chain ip kube-proxy nope\n                         ^^^^\n');
    expect(r.stdout).toContain('table ip kube-proxy {\n\tmap service-ips {\n\t\ttype ipv4_addr . inet_proto . inet_service : verdict\n');
  });
});

describe('kube-proxy modes from the ConfigMap', () => {
  const setMode = async (sim: ReturnType<typeof createSimulation>, from: string, to: string) => {
    for (const line of ['kubectl -n kube-system get configmap kube-proxy -o yaml > kp.yaml', `sed -i 's/^    mode: ${from}$/    mode: ${to}/' kp.yaml`, 'kubectl apply -f kp.yaml', 'kubectl -n kube-system rollout restart ds kube-proxy']) {
      expect((await sim.exec(line)).exitCode, line).toBe(0);
    }
  };
  const podOn = async (sim: ReturnType<typeof createSimulation>, node: string) => (await sim.exec(`kubectl -n kube-system get pods -l k8s-app=kube-proxy --field-selector spec.nodeName=${node} -o jsonpath='{.items[0].metadata.name}'`)).stdout;

  it('kubeadm writes mode: "" and kube-proxy says it uses the iptables proxier', async () => {
    const sim = createSimulation({ seed: 3 });
    expect((await sim.exec(`kubectl -n kube-system get cm kube-proxy -o jsonpath='{.data.config\\.conf}' | grep '^mode:'`)).stdout).toBe('mode: ""\n');
    const logs = await sim.exec(`kubectl -n kube-system logs ${await podOn(sim, 'node-1')}`);
    expect(logs.stdout).toMatch(/^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 server_linux\.go:53\] "Using iptables proxy"\n/);
    expect(logs.stdout).toMatch(/\nI\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 server_linux\.go:109\] "Using iptables Proxier"\n/);
  });

  it('each mode logs its proxier', async () => {
    for (const [mode, line] of [['ipvs', 'server_linux.go:170] "Using ipvs Proxier"'], ['nftables', 'server_linux.go:231] "Using nftables Proxier"']] as const) {
      const sim = createSimulation({ seed: 3, topology: { cni: 'calico', proxyMode: mode } });
      const logs = await sim.exec(`kubectl -n kube-system logs ${await podOn(sim, 'node-2')}`);
      expect(logs.stdout, mode).toContain(line);
      expect(logs.stdout, mode).not.toContain('"Using iptables proxy"');
    }
  });

  it('switching the ConfigMap to nftables and restarting kube-proxy reprograms the nodes', async () => {
    const sim = createSimulation({ seed: 3 });
    await setMode(sim, '""', 'nftables');
    settle(sim);
    const r = await sim.exec('ssh node-2\nnft list tables\niptables-save | grep -c "KUBE-SVC-\\|KUBE-SEP-\\|KUBE-SERVICES"\nexit');
    expect(r.stdout).toContain('table ip kube-proxy\n');
    expect(r.stdout).toContain('\n0\n');
    expect((await sim.exec(`kubectl -n kube-system logs ${await podOn(sim, 'node-2')} | grep Proxier`)).stdout).toContain('"Using nftables Proxier"');
  });

  it('an invalid mode crash-loops kube-proxy with its validation error; the node keeps the rules it had', async () => {
    const sim = createSimulation({ seed: 3 });
    await setMode(sim, '""', 'iptable');
    await sim.exec('sleep 90');
    const pods = await sim.exec('kubectl -n kube-system get pods -l k8s-app=kube-proxy');
    expect(pods.stdout).toMatch(/kube-proxy-\w{5} {3}0\/1 {5}CrashLoopBackOff {3}[2-9] \(\d+s ago\)/);
    const crashing = (await sim.exec(`kubectl -n kube-system get pods -l k8s-app=kube-proxy | grep CrashLoopBackOff | head -1 | cut -d' ' -f1`)).stdout.trim();
    const logs = await sim.exec(`kubectl -n kube-system logs ${crashing}`);
    expect(logs.stdout).toMatch(
      /^E\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 run\.go:72\] "command failed" err="failed validate: KubeProxyConfiguration\.Mode\.ProxyMode: Invalid value: \\"iptable\\": must be iptables, ipvs, nftables or blank \(blank means the best-available proxy \[currently iptables\]\)"\n$/,
    );
    // kube-proxy exits without touching the kernel: the iptables proxier's rules stay and Services still answer.
    const node = (await sim.exec(`kubectl -n kube-system get pod ${crashing} -o jsonpath='{.spec.nodeName}'`)).stdout;
    expect((await sim.exec(`ssh ${node} iptables -t nat -S KUBE-SERVICES | grep -c KUBE-SVC-`)).stdout).toBe('4\n');
  });
});
