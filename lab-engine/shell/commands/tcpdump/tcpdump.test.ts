// tcpdump on the simulated network. The line formats are tcpdump 4.99's, as field captures show
// them: `-i any` lines carry the interface padded to 5 and In/Out/P ("eth0  Out IP ...",
// "flannel.1 Out IP ...", "veth3c1a9f2e P   IP ..."); IPIP packets end in "(ipip-proto-4)" after
// the outer addresses ("IP 10.0.0.111 > 10.0.0.112: IP 192.168.194.6.51130 > 192.168.252.3.80:
// Flags [S], ... (ipip-proto-4)"); flannel's UDP 8472 decodes as "OTV, flags [I] (0x08), overlay
// 0, instance 1" with the inner packet on the next line; Linux's SYN window is the largest
// multiple of the MSS below 65535 (mss 1440 → win 64800, mss 1410 → 64860, mss 1460 → 64240).

import { describe, expect, it } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../../simulation/simulation';

async function run(sim: FlatnetSimulation, lines: string[]): Promise<void> {
  for (const l of lines) {
    const r = await sim.exec(l);
    expect(r.exitCode, `${l}: ${r.stderr}`).toBe(0);
  }
}

/** A client pod on one node and one nginx pod behind a Service on the other (seed 1 places them so). */
async function twoNodes(cni: 'calico' | 'flannel' = 'calico') {
  const sim = createSimulation({ seed: 1, topology: { cni } });
  await run(sim, ['kubectl create deployment web --image=nginx --replicas=1', 'kubectl expose deployment web --port 80', 'kubectl run client --image=nicolaka/netshoot --command -- sleep infinity']);
  settle(sim);
  const client = sim.cluster.get('pods', 'default', 'client')!;
  const web = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!;
  expect(client.spec.nodeName).not.toBe(web.spec.nodeName);
  const svc = sim.cluster.get('services', 'default', 'web')!;
  const nodeIP = (n: string) => sim.cluster.get('nodes', undefined, n)!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
  return { sim, client, web, clusterIP: svc.spec.clusterIP!, clientNode: client.spec.nodeName!, webNode: web.spec.nodeName!, nodeIP };
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('tcpdump', () => {
  it('-i any on the client node shows one connection on every interface: before DNAT on the cali veth, after it in the IPIP tunnel', async () => {
    const t = await twoNodes();
    const r = await t.sim.exec(`ssh ${t.clientNode}\ntcpdump -ni any -c 30 tcp or ip proto 4 &\nexit\nkubectl exec client -- curl -s -o /dev/null web`);
    const lines = r.combined.split('\n');
    expect(lines).toContain('tcpdump: data link type LINUX_SLL2');
    expect(lines).toContain('listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes');
    const [, sport] = new RegExp(`cali\\w+ In  IP ${esc(t.client.status.podIP!)}\\.(\\d+) > ${esc(t.clusterIP)}\\.80: Flags \\[S\\], seq \\d+, win 64800, options \\[mss 1440,sackOK,TS val \\d+ ecr 0,nop,wscale 7\\], length 0`).exec(r.combined) ?? [];
    expect(sport, r.combined).toBeDefined();
    const client = `${t.client.status.podIP}.${sport}`;
    const pod = `${t.web.status.podIP}.80`;
    // Past nat PREROUTING the destination is the pod; tunl0 sees the inner packet, eth0 the outer one.
    expect(r.combined).toMatch(new RegExp(`tunl0 Out IP ${esc(client)} > ${esc(pod)}: Flags \\[S\\]`));
    expect(r.combined).toMatch(new RegExp(`eth0  Out IP ${esc(t.nodeIP(t.clientNode))} > ${esc(t.nodeIP(t.webNode))}: IP ${esc(client)} > ${esc(pod)}: Flags \\[S\\], .* length 0 \\(ipip-proto-4\\)`));
    // The reply is un-NATed on the way back: the client sees the ClusterIP answer.
    expect(r.combined).toMatch(new RegExp(`cali\\w+ Out IP ${esc(t.clusterIP)}\\.80 > ${esc(client)}: Flags \\[S\\.\\], seq \\d+, ack \\d+, win 64260, options \\[mss 1440,sackOK,TS val \\d+ ecr \\d+,nop,wscale 7\\], length 0`));
    expect(r.combined).toMatch(new RegExp(`cali\\w+ In  IP ${esc(client)} > ${esc(t.clusterIP)}\\.80: Flags \\[P\\.\\], seq 1:(\\d+), ack 1, win \\d+, options \\[nop,nop,TS val \\d+ ecr \\d+\\], length \\1?\\d*: HTTP: GET / HTTP/1\\.1`));
    expect(r.combined).toMatch(/Flags \[P\.\], seq 1:854, ack \d+, win \d+, options \[nop,nop,TS val \d+ ecr \d+\], length 853: HTTP: HTTP\/1\.1 200 OK/);
    // -c ends the capture by itself: no blank line first (tcpdump prints one only when interrupted).
    expect(r.combined).toMatch(/length \d+\n30 packets captured\n30 packets received by filter\n0 packets dropped by kernel\n/);
  });

  it('on the wire an IPIP packet is protocol 4 with no ports: `port 80` on eth0 matches nothing, `ip proto 4` does', async () => {
    const t = await twoNodes();
    const r = await t.sim.exec(`ssh ${t.webNode}\ntcpdump -n -i eth0 port 80 &\nexit\nkubectl exec client -- curl -s -o /dev/null web`);
    expect(r.combined).toContain('listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    expect(r.combined).toContain('\n0 packets captured\n');
    const proto4 = await t.sim.exec(`ssh ${t.webNode}\ntcpdump -n -i eth0 -c 2 ip proto 4 &\nexit\nkubectl exec client -- curl -s -o /dev/null web`);
    const lines = proto4.combined.split('\n').filter((l) => l.includes('ipip-proto-4'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} IP ${esc(t.nodeIP(t.clientNode))} > ${esc(t.nodeIP(t.webNode))}: IP ${esc(t.client.status.podIP!)}\\.\\d+ > ${esc(t.web.status.podIP!)}\\.80: Flags \\[S\\]`));
    expect(lines[1]).toMatch(new RegExp(`IP ${esc(t.nodeIP(t.webNode))} > ${esc(t.nodeIP(t.clientNode))}: IP ${esc(t.web.status.podIP!)}\\.80 > `));
  });

  it('flannel: UDP 8472 on eth0 decodes as OTV with the inner packet on the next line; MSS 1410 from flannel.1\'s MTU 1450', async () => {
    const t = await twoNodes('flannel');
    const r = await t.sim.exec(`ssh ${t.clientNode}\ntcpdump -nn -i eth0 -c 1 udp port 8472 &\nexit\nkubectl exec client -- curl -s -o /dev/null ${t.web.status.podIP}`);
    expect(r.combined).toMatch(new RegExp(`\\d{6} IP ${esc(t.nodeIP(t.clientNode))}\\.\\d+ > ${esc(t.nodeIP(t.webNode))}\\.8472: OTV, flags \\[I\\] \\(0x08\\), overlay 0, instance 1\\nIP ${esc(t.client.status.podIP!)}\\.\\d+ > ${esc(t.web.status.podIP!)}\\.80: Flags \\[S\\], seq \\d+, win 64860, options \\[mss 1410,`));
    expect(r.combined).toContain('1 packet captured\n1 packet received by filter\n');
  });

  it('flannel: the pod\'s veth is a bridge port, so the frame for cni0\'s MAC shows as P, then cni0 In; on eth0 the packet is UDP, so `tcp` no longer matches', async () => {
    const t = await twoNodes('flannel');
    const r = await t.sim.exec(`ssh ${t.clientNode}\ntcpdump -ni any -c 4 tcp &\nexit\nkubectl exec client -- curl -s -o /dev/null web`);
    const lines = r.combined.split('\n').filter((l) => l.includes('Flags [S]'));
    expect(lines.map((l) => l.replace(/^\S+ /, '').replace(/ IP .*/, ''))).toEqual([expect.stringMatching(/^veth[0-9a-f]{8} P {2}$/), 'cni0  In ', 'flannel.1 Out']);
  });

  it('inside the client pod, eth0 sees the ClusterIP both ways, and the DNS lookup first (A and AAAA through the search list)', async () => {
    const t = await twoNodes();
    const r = await t.sim.exec('kubectl exec -it client -- bash\ntcpdump -i eth0 -c 6 &\ncurl -s -o /dev/null web\nexit');
    const lines = r.combined.split('\n').filter((l) => /^\d\d:/.test(l));
    const q = `${esc(t.client.status.podIP!)}\\.(\\d+) > 10\\.96\\.0\\.10\\.domain`;
    expect(lines[0]).toMatch(new RegExp(`IP ${q}: (\\d+)\\+ A\\? web\\.default\\.svc\\.cluster\\.local\\. \\(47\\)$`));
    expect(lines[1]).toMatch(new RegExp(`IP 10\\.96\\.0\\.10\\.domain > ${esc(t.client.status.podIP!)}\\.\\d+: \\d+\\*- 1/0/0 A ${esc(t.clusterIP)} \\(63\\)$`));
    expect(lines[2]).toMatch(/\d+\+ AAAA\? web\.default\.svc\.cluster\.local\. \(47\)$/);
    expect(lines[3]).toMatch(/\d+\*- 0\/1\/0 \(101\)$/);
    expect(lines[4]).toMatch(new RegExp(`IP ${esc(t.client.status.podIP!)}\\.\\d+ > ${esc(t.clusterIP)}\\.http: Flags \\[S\\]`));
    expect(lines[5]).toMatch(new RegExp(`IP ${esc(t.clusterIP)}\\.http > ${esc(t.client.status.podIP!)}\\.\\d+: Flags \\[S\\.\\]`));
  });

  it('a Service without endpoints answers with kube-proxy\'s REJECT: ICMP port unreachable from the ClusterIP', async () => {
    const t = await twoNodes();
    await run(t.sim, ['kubectl create service clusterip empty --tcp=80:80']);
    const ip = t.sim.cluster.get('services', 'default', 'empty')!.spec.clusterIP!;
    const r = await t.sim.exec(`kubectl exec -it client -- bash\ntcpdump -ni eth0 -c 2 host ${ip} &\ncurl -s -o /dev/null ${ip}\nexit`);
    expect(r.combined).toMatch(new RegExp(`IP ${esc(ip)} > ${esc(t.client.status.podIP!)}: ICMP ${esc(ip)} tcp port 80 unreachable, length 68\\n`));
  });

  it('a SYN that a NetworkPolicy drops is retransmitted at 1 s and 3 s and never reaches the other node', async () => {
    const t = await twoNodes();
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\n';
    await run(t.sim, [`kubectl apply -f - <<'EOF'\n${policy}EOF`]);
    const r = await t.sim.exec(`ssh ${t.webNode}\ntcpdump -ni any tcp or ip proto 4 &\nexit\nssh ${t.clientNode}\ntcpdump -ni any tcp &\nexit\nkubectl exec client -- curl -s --max-time 4 web`);
    const syns = r.combined.split('\n').filter((l) => l.includes('cali') && l.includes('Flags [S]'));
    expect(syns).toHaveLength(3);
    const seconds = syns.map((l) => Number(l.slice(6, 15)));
    expect(seconds[1] - seconds[0]).toBeCloseTo(1, 1);
    expect(seconds[2] - seconds[0]).toBeCloseTo(3, 1);
    // calico drops it at the destination's ingress: it crossed the wire, and the web pod's veth never saw it.
    expect(r.combined).toContain(`eth0  In  IP ${t.nodeIP(t.clientNode)} > ${t.nodeIP(t.webNode)}: IP`);
    expect(r.combined.split('\n').filter((l) => l.includes('Out IP') && l.includes(`${t.web.status.podIP}.80: Flags [S]`) && l.includes('cali'))).toEqual([]);
  });

  it('ping shows echo request and reply with id and seq; -q and -t shorten the lines', async () => {
    const t = await twoNodes();
    const r = await t.sim.exec(`kubectl exec -it client -- bash\ntcpdump -ntq -i eth0 -c 2 icmp &\nping -c 1 ${t.web.status.podIP}\nexit`);
    expect(r.combined).toMatch(new RegExp(`\\nIP ${esc(t.client.status.podIP!)} > ${esc(t.web.status.podIP!)}: ICMP echo request, length 64\\nIP ${esc(t.web.status.podIP!)} > ${esc(t.client.status.podIP!)}: ICMP echo reply, length 64\\n`));
    const full = await t.sim.exec(`kubectl exec -it client -- bash\ntcpdump -n -i eth0 -c 1 icmp &\nping -c 1 ${t.web.status.podIP}\nexit`);
    expect(full.combined).toMatch(/: ICMP echo request, id \d+, seq 1, length 64\n/);
  });

  it('the grader\'s probes are not traffic: a capture sees nothing of them', async () => {
    const t = await twoNodes();
    let screen = '';
    const terminal = { columns: 80, rows: 24, write: (text: string) => { screen += text; } };
    await t.sim.exec(`ssh ${t.clientNode}`, { terminal });
    await t.sim.exec('tcpdump -ni any &', { terminal });
    t.sim.probe({ from: { kind: 'pod', namespace: 'default', name: 'client' }, dst: t.clusterIP, protocol: 'tcp', dport: 80 });
    expect(screen).not.toContain('Flags');
    await t.sim.exec('kill %1', { terminal });
    expect(screen).toContain('0 packets captured');
  });

  it('answers bad input as tcpdump does', async () => {
    const t = await twoNodes();
    const node = (line: string) => t.sim.exec(`ssh ${t.clientNode}\n${line}\nexit`);
    expect((await node('tcpdump -i eth9')).stderr).toContain('tcpdump: eth9: No such device exists (SIOCGIFHWADDR: No such device)\n');
    expect((await node('tcpdump -n port eighty')).stderr).toContain("tcpdump: can't parse filter expression: unknown port 'eighty'\n");
    expect((await node('tcpdump -n host and')).stderr).toContain("tcpdump: can't parse filter expression: syntax error\n");
    expect((await node('tcpdump -k')).stderr).toContain("tcpdump: invalid option -- 'k'\ntcpdump version 4.99.5\n");
    expect((await node('tcpdump -c 0')).stderr).toContain('tcpdump: invalid packet count 0\n');
    expect((await node('tcpdump -vv')).stderr).toContain('is not simulated in Flatnet');
    expect((await node('tcpdump -D')).stdout).toMatch(/\n1\.eth0 \[Up, Running, Connected\]\n2\.tunl0 \[Up, Running\]\n3\.cali\w+ \[Up, Running, Connected\]\n4\.any \(Pseudo-device that captures on all interfaces\) \[Up, Running\]\n5\.lo \[Up, Running, Loopback\]\n/);
    expect((await t.sim.exec('kubectl exec client -- tcpdump -i cni0')).stderr).toContain('tcpdump: cni0: No such device exists');
    // The kernel creates tunl0 in every netns once the ipip module is loaded; in a pod it stays down.
    expect((await t.sim.exec('kubectl exec client -- tcpdump -i tunl0')).stderr).toContain('tcpdump: tunl0: That device is not up\n');
  });
});
