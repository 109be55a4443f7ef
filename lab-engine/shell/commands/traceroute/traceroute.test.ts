// traceroute over the packet engine. Line shapes from the tools' sources: modern traceroute 2.1's
// print_header/print_probe ("%2u " then " addr (addr)" or " *", "  %.3f ms" per answer), BusyBox
// 1.37's ("%2d", "  addr (addr)", "  *", 46-byte packets). Hops under the default topology
// (Calico IPIP): a pod's packets leave through its node, whose time-exceeded comes from eth0
// (172.18.0.x, its route back to a local Calico pod has no address of its own), then the remote
// node answers from tunl0 (10.244.N.0), then the pod. Under flannel the first hop is cni0.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';
import type { FlatnetSimulation } from '../../../simulation/simulation';

const RTT = '\\d+\\.\\d{3} ms';

async function cluster(cni: 'calico' | 'flannel' = 'calico') {
  const sim = createSimulation({ seed: 1, topology: { cni } });
  for (const l of ['kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deployment web --port=80', 'kubectl run client --image=nicolaka/netshoot --command -- sleep infinity', 'kubectl run bb --image=busybox -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

function remoteWeb(sim: FlatnetSimulation, from: string) {
  const node = sim.cluster.get('pods', 'default', from)!.spec.nodeName;
  return sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== node)!;
}

const row = (ttl: number, addr: string, name?: string) => new RegExp(`^${String(ttl).padStart(2)}  ${(name ? `${name} (${addr})` : addr).replace(/\./g, '\\.').replace(/\(/g, '\\(').replace(/\)/g, '\\)')}  ${RTT}  ${RTT}  ${RTT}$`);

describe('traceroute', () => {
  it('from a pod on node-1 to a pod on node-2 (Calico IPIP): the node, the remote tunl0, the pod', async () => {
    const sim = await cluster();
    expect(sim.cluster.get('pods', 'default', 'client')!.spec.nodeName).toBe('node-1');
    const web = remoteWeb(sim, 'client');
    const ip = web.status.podIP!;
    const r = await sim.exec(`kubectl exec client -- traceroute -n ${ip}`);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`traceroute to ${ip} (${ip}), 30 hops max, 60 byte packets`);
    expect(lines[1]).toMatch(row(1, '172.18.0.3'));
    expect(lines[2]).toMatch(row(2, '10.244.2.0'));
    expect(lines[3]).toMatch(row(3, ip));
    expect(lines.slice(4)).toEqual(['']);
    // The same run again prints the same times: they are derived, not drawn.
    expect((await sim.exec(`kubectl exec client -- traceroute -n ${ip}`)).stdout).toBe(r.stdout);
    // Without -n each hop is looked up: the pod's PTR record comes from its Service's endpoints.
    const named = await sim.exec(`kubectl exec client -- traceroute ${ip}`);
    expect(named.stdout.split('\n')[1]).toMatch(row(1, '172.18.0.3', '172.18.0.3'));
    expect(named.stdout.split('\n')[3]).toMatch(row(3, ip, `${ip.replace(/\./g, '-')}.web.default.svc.cluster.local`));
  });

  it('under flannel the first hop is the cni0 gateway and the second the remote flannel.1', async () => {
    const sim = await cluster('flannel');
    const client = sim.cluster.get('pods', 'default', 'client')!;
    const web = remoteWeb(sim, 'client');
    const r = await sim.exec(`kubectl exec client -- traceroute -n -q 2 ${web.status.podIP}`);
    const gw = client.status.podIP!.replace(/\.\d+$/, '.1');
    const remoteTunnel = web.status.podIP!.replace(/\.\d+$/, '.0');
    expect(r.stdout.split('\n').slice(1)).toEqual([expect.stringMatching(new RegExp(`^ 1  ${gw.replace(/\./g, '\\.')}  ${RTT}  ${RTT}$`)), expect.stringMatching(new RegExp(`^ 2  ${remoteTunnel.replace(/\./g, '\\.')}  ${RTT}  ${RTT}$`)), expect.stringMatching(new RegExp(`^ 3  ${web.status.podIP!.replace(/\./g, '\\.')}  ${RTT}  ${RTT}$`)), '']);
  });

  it('a ClusterIP: UDP probes match no Service port and die after the node; TCP to the port follows the DNAT and answers as the Service', async () => {
    const sim = await cluster();
    const svc = sim.cluster.get('services', 'default', 'web')!.spec.clusterIP!;
    const udp = await sim.exec('kubectl exec client -- traceroute -n -m 4 web');
    expect(udp.stdout.split('\n')).toEqual([`traceroute to web (${svc}), 4 hops max, 60 byte packets`, expect.stringMatching(row(1, '172.18.0.3')), ' 2  * * *', ' 3  * * *', ' 4  * * *', '']);
    const tcp = await sim.exec('kubectl exec client -- traceroute -T -p 80 web');
    const lines = tcp.stdout.split('\n');
    expect(lines[1]).toMatch(row(1, '172.18.0.3', '172.18.0.3'));
    // Past the NAT node, conntrack gives every ICMP error and the SYN-ACK the Service's address.
    expect(lines[2]).toMatch(row(2, svc, 'web.default.svc.cluster.local'));
  });

  it('a NetworkPolicy that denies ingress: the routers still answer, then * * * up to the max TTL, on the simulated clock', async () => {
    const sim = await cluster();
    const web = remoteWeb(sim, 'client');
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\n';
    expect((await sim.exec(`kubectl apply -f - <<'EOF'\n${policy}EOF`)).exitCode).toBe(0);
    const before = sim.now();
    const r = await sim.exec(`kubectl exec client -- traceroute -n ${web.status.podIP}`);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(row(1, '172.18.0.3'));
    expect(lines[2]).toMatch(row(2, '10.244.2.0'));
    expect(lines.slice(3, 31)).toEqual(Array.from({ length: 28 }, (_, i) => `${String(i + 3).padStart(2)}  * * *`));
    expect(lines[31]).toBe('');
    // 84 silent probes, 16 in flight at a time, 5 s each batch.
    expect(sim.now() - before).toBe(30_000);
  });

  it('BusyBox traceroute in a busybox pod: its own row format and 46-byte packets', async () => {
    const sim = await cluster();
    const bb = sim.cluster.get('pods', 'default', 'bb')!;
    const web = remoteWeb(sim, 'bb');
    const hostIP = bb.status.hostIP!;
    const r = await sim.exec(`kubectl exec bb -- traceroute -n ${web.status.podIP}`);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`traceroute to ${web.status.podIP} (${web.status.podIP}), 30 hops max, 46 byte packets`);
    expect(lines[1]).toMatch(row(1, hostIP));
    expect(lines[3]).toMatch(row(3, web.status.podIP!));
    const bad = await sim.exec('kubectl exec bb -- traceroute -T web');
    expect(bad.stderr.startsWith("traceroute: invalid option -- 'T'\nBusyBox v1.37.0")).toBe(true);
    expect((await sim.exec('kubectl exec bb -- traceroute nope')).stderr).toBe("traceroute: bad address 'nope'\ncommand terminated with exit code 1\n");
  });

  it('from a node, and the tools\' own errors; the nginx image has no traceroute', async () => {
    const sim = await cluster();
    const web = remoteWeb(sim, 'client');
    const node = await sim.exec(`ssh node-1\ntraceroute -n ${web.status.podIP}\nexit`);
    expect(node.stdout).toMatch(new RegExp(`\\n 1  10\\.244\\.2\\.0  ${RTT}  ${RTT}  ${RTT}\\n 2  ${web.status.podIP!.replace(/\./g, '\\.')}  ${RTT}  ${RTT}  ${RTT}\\n`));
    expect((await sim.exec('kubectl exec client -- traceroute -y web')).stderr).toBe("Bad option `-y' (argc 1)\ncommand terminated with exit code 2\n");
    expect((await sim.exec('kubectl exec client -- traceroute nope')).stderr).toBe('nope: Name or service not known\nCannot handle "host" cmdline arg `nope\' on position 1 (argc 1)\ncommand terminated with exit code 2\n');
    expect((await sim.exec('kubectl exec client -- traceroute -m 300 web')).stderr).toBe('max hops cannot be more than 255\ncommand terminated with exit code 2\n');
    expect((await sim.exec('kubectl exec client -- traceroute -m x web')).stderr).toBe("Cannot handle `-m' option with arg `x' (argc 2)\ncommand terminated with exit code 2\n");
    expect((await sim.exec('kubectl exec client -- traceroute web 60 extra')).stderr).toBe("Extra arg `extra' (position 3, argc 3)\ncommand terminated with exit code 2\n");
    expect((await sim.exec('kubectl exec client -- traceroute -g 10.0.0.1 web')).stderr).toBe('traceroute: -g (loose source routing) is not simulated in Flatnet\ncommand terminated with exit code 1\n');
    const nginx = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    expect((await sim.exec(`kubectl exec ${nginx.metadata.name} -- traceroute web`)).stderr).toContain('exec: "traceroute": executable file not found in $PATH');
    expect((await sim.exec('traceroute web')).stderr).toBe('bash: traceroute: command not found\n');
  });

  it('streams rows to a terminal', async () => {
    const sim = await cluster();
    let screen = '';
    const terminal = { columns: 80, rows: 24, write: (text: string) => { screen += text; } };
    const r = await sim.exec('ssh node-1\ntraceroute -n 172.18.0.4\nexit', { terminal });
    void r;
    expect(screen + r.stdout).toMatch(/traceroute to 172\.18\.0\.4 \(172\.18\.0\.4\), 30 hops max, 60 byte packets(\r?\n) 1 {2}172\.18\.0\.4 {2}/);
  });
});
