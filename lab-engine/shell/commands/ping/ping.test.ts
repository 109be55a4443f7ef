import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function cluster(proxyMode: 'iptables' | 'ipvs') {
  const sim = createSimulation({ seed: 1, topology: { proxyMode } });
  for (const l of ['kubectl create deployment web --image=nginx --replicas=2 --port=80', 'kubectl expose deployment web --port=80', 'kubectl run bb --image=busybox -- sleep infinity', 'kubectl run tools --image=nicolaka/netshoot -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

describe('ping', () => {
  it('BusyBox ping to a pod on another node: TTL 62 after two routers, statistics in BusyBox\'s words', async () => {
    const sim = await cluster('iptables');
    const bb = sim.cluster.get('pods', 'default', 'bb')!;
    const remote = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== bb.spec.nodeName)!;
    const r = await sim.exec(`kubectl exec bb -- ping -c 2 ${remote.status.podIP}`);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`PING ${remote.status.podIP} (${remote.status.podIP}): 56 data bytes`);
    expect(lines[1]).toMatch(new RegExp(`^64 bytes from ${remote.status.podIP!.replace(/\./g, '\\.')}: seq=0 ttl=62 time=\\d\\.\\d{3} ms$`));
    expect(lines.slice(3, 7)).toEqual(['', `--- ${remote.status.podIP} ping statistics ---`, '2 packets transmitted, 2 packets received, 0% packet loss', expect.stringMatching(/^round-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms$/)]);
  });

  // IPVS mode: pkg/proxy/ipvs/proxier.go writeIptablesRules rejects NEW packets to KUBE-IPVS-IPS
  // without a protocol match, so iputils gets port unreachable back (kubernetes/website#41002).
  it('a ClusterIP does not answer ping: unanswered in iptables mode, port unreachable in IPVS mode', async () => {
    const ipt = await (await cluster('iptables')).exec('kubectl exec tools -- ping -c 3 web');
    expect(ipt.exitCode).toBe(1);
    expect(ipt.stdout).toContain('3 packets transmitted, 0 received, 100% packet loss, time 2000ms\n');
    const ipvs = await (await cluster('ipvs')).exec('kubectl exec tools -- ping -c 3 web');
    expect(ipvs.exitCode).toBe(1);
    expect(ipvs.stdout).toMatch(/^PING web \(10\.\d+\.\d+\.\d+\) 56\(84\) bytes of data\.\nFrom 10\.\d+\.\d+\.\d+ icmp_seq=1 Destination Port Unreachable\nFrom 10\.\d+\.\d+\.\d+ icmp_seq=2 Destination Port Unreachable\n/);
    expect(ipvs.stdout).toContain('3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2000ms\n');
  });

  // iputils ping.c: -M do sets IP_PMTUDISC_DO; the kernel refuses a datagram larger than the
  // route's MTU with EMSGSIZE, which ping reports per packet as "local error: message too long, mtu=N".
  it('-M do: a packet over the pod link\'s MTU fails locally; without DF it is fragmented and answered', async () => {
    const sim = createSimulation({ seed: 1, topology: { cni: 'flannel' } });
    for (const l of ['kubectl create deployment web --image=nginx --replicas=2 --port=80', 'kubectl run tools --image=nicolaka/netshoot -- sleep 1d']) expect((await sim.exec(l)).exitCode).toBe(0);
    settle(sim);
    const tools = sim.cluster.get('pods', 'default', 'tools')!;
    const remote = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName !== tools.spec.nodeName)!.status.podIP!;
    const tooBig = await sim.exec(`kubectl exec tools -- ping -c 2 -M do -s 1423 ${remote}`);
    expect(tooBig.exitCode).toBe(1);
    expect(tooBig.stderr).toContain('ping: local error: message too long, mtu=1450\nping: local error: message too long, mtu=1450\n');
    expect(tooBig.stdout).toContain('2 packets transmitted, 0 received, +2 errors, 100% packet loss');
    const fits = await sim.exec(`kubectl exec tools -- ping -c 1 -M do -s 1422 ${remote}`);
    expect(fits.stdout).toContain('1430 bytes from');
    const fragmented = await sim.exec(`kubectl exec tools -- ping -c 1 -s 3000 ${remote}`);
    expect(fragmented.stdout).toContain('3008 bytes from');
    const bad = await sim.exec('kubectl exec tools -- ping -M sometimes 10.0.0.1');
    expect(bad.stderr).toContain('ping: invalid -M argument: sometimes\n');
  });

  it('stops by itself in a script without -c, and names resolve as for curl', async () => {
    const sim = await cluster('iptables');
    const r = await sim.exec('ping 172.18.0.3');
    expect(r.stdout).toContain('4 packets transmitted, 4 received, 0% packet loss');
    expect((await sim.exec('kubectl exec bb -- ping -c 1 nope')).stderr).toBe("ping: bad address 'nope'\ncommand terminated with exit code 1\n");
    expect((await sim.exec('ping')).stderr).toBe('ping: usage error: Destination address required\n');
  });

  it('streams one line per second to the terminal and stops on Ctrl-C with the statistics', async () => {
    const controller = new AbortController();
    let sleeps = 0;
    // The host's wait: after the third second the learner presses Ctrl-C.
    const sim = createSimulation({ seed: 1 }, { sleep: async (ms) => { if (++sleeps === 3) controller.abort(); return ms; } });
    let screen = '';
    const terminal = { columns: 80, rows: 24, write: (text: string) => { screen += text; } };
    const r = await sim.exec('ping 172.18.0.3', { signal: controller.signal, terminal });
    expect(r.stdout).toBe('');
    const lines = screen.split('\r\n');
    expect(lines.filter((l) => l.startsWith('64 bytes from 172.18.0.3'))).toHaveLength(3);
    expect(screen).toContain('--- 172.18.0.3 ping statistics ---\r\n3 packets transmitted, 3 received, 0% packet loss, time 3000ms\r\n');
  });
});
