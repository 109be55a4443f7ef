// Expected wording, read in the sources:
// - netcat-openbsd (Debian's netcat.c, OpenBSD 1.225 + Debian patches): connection_info()
//   "Connection to HOST[ (IP)] PORT port [tcp/SERVICE] succeeded!"; remote_connect() with -v
//   "nc: connect to HOST[ (IP)] port PORT (tcp) failed: Connection refused", "... timed out:
//   Operation now in progress" when -w expires; nothing without -v; getaddrinfo errors
//   "nc: getaddrinfo for host \"H\" port P: ..." (musl's "Name does not resolve" on Alpine);
//   usage() text as Ubuntu 22.04/24.04 print it (`nc -h`, kernel selftest logs).
// - BusyBox 1.37 networking/nc_bloaty.c: "-v" prints "HOST (IP:PORT) open"; a refusal is only
//   reported from -vv ("nc: HOST (IP:PORT): Connection refused"); other errors from -v;
//   xhost2sockaddr's "nc: bad address 'H'".
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function cluster(hooks?: Parameters<typeof createSimulation>[1]) {
  const sim = createSimulation({ seed: 1 }, hooks);
  for (const l of ['kubectl create deployment web --image=nginx --replicas=1 --port=80', 'kubectl expose deployment web --port=80', 'kubectl run bb --image=busybox -- sleep infinity', 'kubectl run tools --image=nicolaka/netshoot -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  const podIP = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!.status.podIP!;
  const clusterIP = sim.cluster.get('services', 'default', 'web')!.spec.clusterIP!;
  return { sim, podIP, clusterIP };
}

const ONLY_PORT_80 = "printf 'apiVersion: networking.k8s.io/v1\\nkind: NetworkPolicy\\nmetadata:\\n  name: web-80\\nspec:\\n  podSelector:\\n    matchLabels:\\n      app: web\\n  ingress:\\n  - ports:\\n    - port: 80\\n' | kubectl apply -f -";

describe('nc (netcat-openbsd)', () => {
  it('succeeds through a ClusterIP and to CoreDNS, with the service name from /etc/services', async () => {
    const { sim, clusterIP } = await cluster();
    const r = await sim.exec('kubectl exec tools -- nc -zv web 80');
    expect(r).toMatchObject({ exitCode: 0, stdout: '', stderr: `Connection to web (${clusterIP}) 80 port [tcp/http] succeeded!\n` });
    expect((await sim.exec('kubectl exec tools -- nc -zv 10.96.0.10 53')).stderr).toBe('Connection to 10.96.0.10 53 port [tcp/domain] succeeded!\n');
    expect((await sim.exec('kubectl exec tools -- nc -z web 80')).stderr).toBe('');
  });

  it('reports a refusal, and a NetworkPolicy-denied port times out on the simulated clock', async () => {
    const { sim, podIP } = await cluster();
    const refused = await sim.exec(`kubectl exec tools -- nc -zv ${podIP} 80-81`);
    expect(refused.exitCode).toBe(0);
    expect(refused.stderr).toBe(`Connection to ${podIP} 80 port [tcp/http] succeeded!\nnc: connect to ${podIP} port 81 (tcp) failed: Connection refused\n`);
    expect(await sim.exec(`ssh node-1 nc -z ${podIP} 81`)).toMatchObject({ exitCode: 1, stderr: '' });
    await sim.exec(ONLY_PORT_80);
    const before = sim.cluster.now();
    const denied = await sim.exec(`kubectl exec tools -- nc -zv -w 2 ${podIP} 81`);
    expect(denied.stderr).toBe(`nc: connect to ${podIP} port 81 (tcp) timed out: Operation now in progress\ncommand terminated with exit code 1\n`);
    expect(sim.cluster.now() - before).toBeGreaterThanOrEqual(2000);
    expect((await sim.exec(`kubectl exec tools -- nc -zv -w 2 ${podIP} 80`)).exitCode).toBe(0);
  });

  it('answers a raw HTTP request piped in, and names what does not resolve', async () => {
    const { sim, podIP } = await cluster();
    const r = await sim.exec(`ssh node-1 "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc ${podIP} 80"`);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/[\d.]+\r\n/);
    expect(r.stdout).toContain('<title>Welcome to nginx!</title>');
    expect((await sim.exec('kubectl exec tools -- nc -zv nope 80')).stderr).toBe('nc: getaddrinfo for host "nope" port 80: Name does not resolve\ncommand terminated with exit code 1\n');
    expect((await sim.exec('ssh node-1 nc -zv web 80')).stderr).toBe('nc: getaddrinfo for host "web" port 80: Name or service not known\n');
  });

  it('UDP: silent failure on ICMP port unreachable, "succeeded" when nothing answers', async () => {
    const { sim, podIP } = await cluster();
    expect(await sim.exec(`kubectl exec tools -- nc -zvu ${podIP} 9999`)).toMatchObject({ exitCode: 1, stderr: 'command terminated with exit code 1\n' });
    expect((await sim.exec('kubectl exec tools -- nc -zvu 10.96.0.10 53')).stderr).toBe('Connection to 10.96.0.10 53 port [udp/domain] succeeded!\n');
  });

  it('rejects bad options with its usage, and Ctrl-C ends a long wait', async () => {
    const controller = new AbortController();
    const { sim, podIP } = await cluster({ sleep: async (ms) => { controller.abort(); return Math.min(ms, 500); } });
    const bad = await sim.exec('ssh node-1 nc -Q x 80');
    expect(bad.stderr).toBe("nc: invalid option -- 'Q'\nusage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n");
    expect((await sim.exec('ssh node-1 nc web')).stderr).toBe('nc: missing port number\n');
    await sim.exec(ONLY_PORT_80);
    const r = await sim.exec(`kubectl exec tools -- nc -zv ${podIP} 81`, { signal: controller.signal });
    expect(r.exitCode).toBe(130);
  });
});

describe('nc (BusyBox)', () => {
  it('prints "open" with -v, keeps refusals quiet unless -vv', async () => {
    const { sim, clusterIP, podIP } = await cluster();
    expect((await sim.exec('kubectl exec bb -- nc -zv web 80')).stderr).toBe(`web (${clusterIP}:80) open\n`);
    expect(await sim.exec(`kubectl exec bb -- nc -zv ${podIP} 81`)).toMatchObject({ exitCode: 1, stderr: 'command terminated with exit code 1\n' });
    expect((await sim.exec(`kubectl exec bb -- nc -zvv ${podIP} 81`)).stderr).toBe(`nc: ${podIP} (${podIP}:81): Connection refused\ncommand terminated with exit code 1\n`);
    await sim.exec(ONLY_PORT_80);
    expect((await sim.exec(`kubectl exec bb -- nc -zv -w 1 ${podIP} 81`)).stderr).toBe(`nc: ${podIP} (${podIP}:81): Connection timed out\ncommand terminated with exit code 1\n`);
    expect((await sim.exec('kubectl exec bb -- nc -zv nope 80')).stderr).toBe("nc: bad address 'nope'\ncommand terminated with exit code 1\n");
    expect((await sim.exec('kubectl exec bb -- nc -x web 80')).stderr).toContain("nc: invalid option -- 'x'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\n");
  });
});
