// Counters move with the learner's own traffic and nothing else. Upstream behaviour:
// - netfilter counts a packet on every rule it matches and on a built-in chain's policy when it
//   falls off the end; nat chains see only a connection's first packet (conntrack keeps the NAT
//   binding), so two curls of a ClusterIP count `2   120` (two 60-byte SYNs) on the Service's
//   KUBE-SERVICES rule (kernel net/ipv4/netfilter/ip_tables.c ipt_do_table, ADD_COUNTER;
//   net/netfilter/nf_nat_core.c).
// - Layout: iptables/xshared.c print_rule_details / xtables_print_num (netfilter/iptables);
//   iptables 1.8.9/1.8.10 print protocol numbers under -n (commit da8ecc62 "xshared: Print protocol
//   numbers if --numeric was given", reverted after 1.8.10).
// - `iptables -Z [chain]` zeroes a table's (or a chain's) rule and policy counters (iptables(8)).
// - kube-proxy rewrites its top-level chains on every sync with iptables-restore --noflush, which
//   flushes them, so their counters restart; unchanged KUBE-SVC-/KUBE-SEP- chains keep theirs
//   (kubernetes pkg/proxy/iptables/proxier.go syncProxyRules, MinimizeIPTablesRestore).
// - The grader's probes (Network.checkProbe/checkHttp/checkLookup) are not traffic: they count nothing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../../simulation/simulation';

const golden = (name: string) => readFileSync(join(__dirname, 'testdata', name), 'utf8').replace(/^(#.*\n)+/, '');

/** A Deployment of two nginx pods behind a NodePort Service, a netshoot client pod; two curls of the ClusterIP from it, one of the NodePort from the workstation. */
async function session(proxyMode: 'iptables' | 'ipvs') {
  const sim = createSimulation({ seed: 1, topology: { cni: 'calico', proxyMode } });
  for (const line of [
    'kubectl create deployment web --image=nginx --replicas=2',
    'kubectl expose deployment web --port=80 --type=NodePort',
    'kubectl run client --image=nicolaka/netshoot -- sleep 3600',
    'sleep 20',
  ]) {
    expect((await sim.exec(line)).exitCode, line).toBe(0);
  }
  const nodePort = (await sim.exec("kubectl get svc web -o jsonpath='{.spec.ports[0].nodePort}'")).stdout;
  const clusterIP = (await sim.exec("kubectl get svc web -o jsonpath='{.spec.clusterIP}'")).stdout;
  return { sim, nodePort, clusterIP };
}

async function traffic(sim: Awaited<ReturnType<typeof session>>['sim'], nodePort: string) {
  for (const line of ['kubectl exec client -- curl -s -o /dev/null http://web', 'kubectl exec client -- curl -s -o /dev/null http://web', `curl -s -o /dev/null http://172.18.0.3:${nodePort}`]) {
    expect((await sim.exec(line)).exitCode, line).toBe(0);
  }
}

const onNode = async (sim: Awaited<ReturnType<typeof session>>['sim'], node: string, cmd: string) => (await sim.exec(`ssh ${node} ${cmd}`)).stdout;

describe('rule counters after a learner session (iptables mode)', () => {
  it('iptables -t nat -L KUBE-SERVICES -n -v on the client node: two SYNs on the Service rule; -L without -n names the protocols', async () => {
    const { sim, nodePort } = await session('iptables');
    await traffic(sim, nodePort);
    // The client runs on node-2 (seed 1): its kernel NATs the pod's connections.
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SERVICES -n -v')).toBe(golden('kube-services-nv.txt'));
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SERVICES -v')).toContain('    2   120 KUBE-SVC-LOLE4ISW44XBNF3G  tcp  --  any    any     anywhere             10.104.251.115       /* default/web cluster IP */ tcp dpt:http\n');
    // The NodePort connection entered node-1 from the workstation: KUBE-NODEPORTS, then masquerade.
    expect(await onNode(sim, 'node-1', 'iptables-save -c -t nat | grep -E "KUBE-NODEPORTS|MASQUERADE|POSTROUTING"')).toBe(golden('node-1-nat-save-c.txt'));
  });

  it('filter counts every packet: replies and later segments through KUBE-FORWARD\'s ESTABLISHED rule; -x prints exact numbers', async () => {
    const { sim, nodePort } = await session('iptables');
    await traffic(sim, nodePort);
    const out = await onNode(sim, 'node-1', 'iptables -L KUBE-FORWARD -n -v -x');
    // One NodePort curl: SYN marked for masquerade (60 bytes), then 9 more packets of a small page; the pod's curl answered by node-1's nginx adds its 9 later packets.
    expect(out).toContain('       1       60 ACCEPT     0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding rules */ mark match 0x4000/0x4000\n');
    // On Calico, Felix's cali-FORWARD runs first and its workload chains accept some established packets themselves, so fewer reach KUBE-FORWARD.
    expect(out).toMatch(/\n {6}13 +\d+ ACCEPT {5}0 {4}-- .* ctstate RELATED,ESTABLISHED\n/);
    // Every forwarded packet crossed mangle PREROUTING, FORWARD and POSTROUTING around filter FORWARD.
    const forwarded = /\n +(\d+) +(\d+) cali-FORWARD /.exec(await onNode(sim, 'node-1', 'iptables -L FORWARD -n -v -x'));
    expect(forwarded).not.toBeNull();
    expect(await onNode(sim, 'node-1', 'iptables -t mangle -L FORWARD -n -v -x | head -1')).toBe(`Chain FORWARD (policy ACCEPT ${forwarded![1]} packets, ${forwarded![2]} bytes)\n`);
  });

  it('iptables -Z zeroes the filter table only; -t nat -Z KUBE-SERVICES that chain only; -L -Z lists, then zeroes', async () => {
    const { sim, nodePort } = await session('iptables');
    await traffic(sim, nodePort);
    await onNode(sim, 'node-2', 'iptables -Z');
    // Felix's cali-FORWARD jump and its two appended mark rules sit beside kube-proxy's four.
    expect(await onNode(sim, 'node-2', 'iptables -L FORWARD -n -v')).toMatch(/^Chain FORWARD \(policy ACCEPT 0 packets, 0 bytes\)\n.*\n( +0 +0 .*\n){7}$/);
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SERVICES -n -v | grep web')).toContain('    2   120 KUBE-SVC-');
    await onNode(sim, 'node-2', 'iptables -t nat -Z KUBE-SERVICES');
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SERVICES -n -v | grep web')).toContain('    0     0 KUBE-SVC-');
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SVC-LOLE4ISW44XBNF3G -n -v -Z | grep -c "^    [12] "')).toBe('2\n');
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SVC-LOLE4ISW44XBNF3G -n -v | grep -c "^    0     0 "')).toBe('3\n');
    expect((await sim.exec('ssh node-2 iptables -Z NOPE')).stderr).toBe('iptables: No chain/target/match by that name.\n');
  });

  it('ping: one ICMP flow per echo id (nf_conntrack_proto_icmp), so only the first echo is NEW; replies count too', async () => {
    const { sim } = await session('iptables');
    expect((await sim.exec('kubectl exec client -- ping -c 3 10.244.1.2')).exitCode).toBe(0);
    const out = await onNode(sim, 'node-2', 'iptables -L FORWARD -n -v');
    expect(out).toContain('    1    84 KUBE-PROXY-FIREWALL  0    --  *      *       0.0.0.0/0            0.0.0.0/0            ctstate NEW /* kubernetes load balancer firewall */\n');
    // Every packet crosses Felix's cali-FORWARD first; the ones its workload chains accept never reach KUBE-FORWARD.
    expect(out).toContain('    6   504 cali-FORWARD  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* cali:wUHhoiAYhphO9Mso */\n');
    expect(out).toContain('    4   336 KUBE-FORWARD  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes forwarding rules */\n');
  });

  it('grader probes count nothing', async () => {
    const { sim, clusterIP } = await session('iptables');
    sim.probe({ from: { kind: 'pod', namespace: 'default', name: 'client' }, dst: clusterIP, protocol: 'tcp', dport: 80 });
    sim.httpGet({ from: { kind: 'pod', namespace: 'default', name: 'client' }, dst: clusterIP, port: 80, host: 'web', path: '/' });
    sim.lookup('default', 'client', 'web');
    expect(await onNode(sim, 'node-2', 'iptables-save -c | grep -v "^\\[0:0\\]" | grep -c "^\\["')).toBe('0\n');
  });

  it('a kube-proxy sync zeroes the chains it rewrites (KUBE-SERVICES) and keeps unchanged Service chains', async () => {
    const { sim, nodePort } = await session('iptables');
    await traffic(sim, nodePort);
    expect((await sim.exec('kubectl create service clusterip other --tcp=8080:8080')).exitCode).toBe(0);
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SERVICES -n -v | grep web')).toContain('    0     0 KUBE-SVC-');
    expect(await onNode(sim, 'node-2', 'iptables -t nat -L KUBE-SVC-LOLE4ISW44XBNF3G -n -v | grep -c "^    [12] "')).toBe('2\n');
  });
});

describe('ipvsadm --stats after a learner session (IPVS mode)', () => {
  it('counts connections and packets each way per virtual service and real server; -Z zeroes them', async () => {
    const { sim, nodePort } = await session('ipvs');
    await traffic(sim, nodePort);
    expect(await onNode(sim, 'node-2', 'ipvsadm -Ln --stats')).toBe(golden('node-2-ipvsadm-stats.txt'));
    // IPVS took the pod's packets at INPUT and sent them on: the replies are forwarded back, never output.
    expect(await onNode(sim, 'node-2', 'iptables -L OUTPUT -n -v | head -1')).toBe('Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)\n');
    expect(await onNode(sim, 'node-2', 'iptables -L INPUT -n -v | head -1')).not.toBe('Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n');
    const rate = await onNode(sim, 'node-2', 'ipvsadm -Ln --rate');
    expect(rate.split('\n')[1]).toBe('Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS');
    await onNode(sim, 'node-2', 'ipvsadm -Z');
    expect(await onNode(sim, 'node-2', 'ipvsadm -Ln --stats | grep -c "  0        0        0        0        0$"')).not.toBe('0\n');
    expect(await onNode(sim, 'node-2', 'ipvsadm -Ln --stats | grep -v "  0        0        0        0        0$" | wc -l')).toBe('3\n');
  });
});

describe('counter layout (xtables_print_num)', () => {
  it('-v abbreviates past 99999 with K/M rounding to nearest, headers unpadded; -x prints %8llu', async () => {
    const { nodeTables } = await import('../../../dataplane/kube-proxy/netfilter/node-tables');
    const { syncIptablesRules } = await import('../../../dataplane/kube-proxy/iptables-sync');
    const { internalTrafficPolicyCase } = await import('../../../dataplane/kube-proxy/testing-fixtures');
    const { runIptables } = await import('./iptables');
    const t = nodeTables(syncIptablesRules(internalTrafficPolicyCase('Cluster')));
    const counters = {
      read: (_t: string, _c: string, rule: number | 'policy') => (rule === 'policy' ? { packets: 1234567, bytes: 99999 } : { packets: 123456, bytes: 98765432 }),
      zero: () => undefined,
    };
    const human = runIptables(['-nvL', 'FORWARD'], t, counters).stdout.split('\n');
    expect(human[0]).toBe('Chain FORWARD (policy ACCEPT 1235K packets, 99999 bytes)');
    expect(human[2]).toMatch(/^ 123K {3}99M KUBE-PROXY-FIREWALL/);
    const exact = runIptables(['-nvxL', 'FORWARD'], t, counters).stdout.split('\n');
    expect(exact[0]).toBe('Chain FORWARD (policy ACCEPT 1234567 packets, 99999 bytes)');
    expect(exact[2]).toMatch(/^ {2}123456 98765432 KUBE-PROXY-FIREWALL/);
  });
});
