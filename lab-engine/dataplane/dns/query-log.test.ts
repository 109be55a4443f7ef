// CoreDNS's log plugin, switched on by adding `log` to the Corefile in the coredns ConfigMap: each
// query the answering pod handled becomes one line in its log, in the plugin's default format
// (coredns/coredns plugin/log README: `[INFO] 172.17.0.1:42453 - 40934 "A IN example.org. udp 40
// false 512" NOERROR qr,aa,rd 59 0.000082s`-shaped lines). CoreDNS does not compress these
// answers: an A for web.default.svc.cluster.local is 47 bytes of question + 45 of record = 92, as
// field logs show 106 for kubernetes.default's A and 147 for its AAAA. Without `log`, nothing.

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';

async function clusterWithClient(withLog: boolean) {
  const sim = createSimulation({ seed: 2 });
  const setup = [
    ...(withLog ? ['kubectl -n kube-system get cm coredns -o yaml > cd.yaml', 'sed -i "s/^        errors$/        log\\n        errors/" cd.yaml', 'kubectl apply -f cd.yaml'] : []),
    'kubectl create deployment web --image=nginx',
    'kubectl expose deployment web --port 80',
    'kubectl run c --image=nicolaka/netshoot --command -- sleep infinity',
  ];
  for (const line of setup) expect((await sim.exec(line)).exitCode, line).toBe(0);
  settle(sim);
  const clientIP = sim.cluster.get('pods', 'default', 'c')!.status.podIP!;
  const logs = async () => (await sim.exec('kubectl -n kube-system logs -l k8s-app=kube-dns --tail=-1')).stdout.split('\n').filter((l) => l.includes('" NOERROR') || l.includes('" NXDOMAIN'));
  return { sim, clientIP, logs };
}

describe('CoreDNS log plugin', () => {
  it('logs the stub resolver walking the search list: A and AAAA per name, until the Service name answers', async () => {
    const c = await clusterWithClient(true);
    expect((await c.sim.exec('kubectl exec c -- curl -s -o /dev/null web')).exitCode).toBe(0);
    const lines = await c.logs();
    const ip = c.clientIP.replace(/\./g, '\\.');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^\\[INFO\\] ${ip}:\\d+ - \\d+ "A IN web\\.default\\.svc\\.cluster\\.local\\. udp 47 false 512" NOERROR qr,aa,rd 92 0\\.000\\d{6}s$`));
    expect(lines[1]).toMatch(/"AAAA IN web\.default\.svc\.cluster\.local\. udp 47 false 512" NOERROR qr,aa,rd \d+ /);
  });

  it('logs NXDOMAIN for names that do not exist, through the whole search list, and dig\'s EDNS buffer size', async () => {
    const c = await clusterWithClient(true);
    await c.sim.exec('kubectl exec c -- curl -s -o /dev/null nothing');
    await c.sim.exec('kubectl exec c -- dig +short web.default.svc.cluster.local');
    const lines = await c.logs();
    expect(lines.filter((l) => l.includes('nothing.')).map((l) => /"(\w+) IN (\S+) udp/.exec(l)!.slice(1).join(' '))).toEqual([
      'A nothing.default.svc.cluster.local.', 'AAAA nothing.default.svc.cluster.local.',
      'A nothing.svc.cluster.local.', 'AAAA nothing.svc.cluster.local.',
      'A nothing.cluster.local.', 'AAAA nothing.cluster.local.',
      'A nothing.', 'AAAA nothing.',
    ]);
    expect(lines.find((l) => l.includes('"A IN nothing. udp'))).toContain('NXDOMAIN qr,rd,ra');
    expect(lines.some((l) => /"A IN web\.default\.svc\.cluster\.local\. udp 70 false 1232" NOERROR/.test(l))).toBe(true);
  });

  it('writes nothing while the Corefile has no log line (kubeadm\'s default)', async () => {
    const c = await clusterWithClient(false);
    await c.sim.exec('kubectl exec c -- curl -s -o /dev/null web');
    expect(await c.logs()).toEqual([]);
  });

  it('logs only the queries of server blocks that have log: a stub block without it stays silent', async () => {
    const c = await clusterWithClient(true);
    const stub = "kubectl -n kube-system get cm coredns -o yaml | sed 's#^    }$#    }\\n    corp.example:53 {\\n        forward . 10.50.0.10\\n    }#' | kubectl apply -f -";
    expect((await c.sim.exec(stub)).exitCode).toBe(0);
    expect((await c.sim.exec('kubectl exec c -- dig +short git.corp.example')).stdout).toBe('10.50.1.21\n');
    expect((await c.sim.exec('kubectl exec c -- dig +short web.default.svc.cluster.local')).exitCode).toBe(0);
    const all = (await c.sim.exec('kubectl -n kube-system logs -l k8s-app=kube-dns --tail=-1')).stdout;
    expect(all).not.toContain('git.corp.example');
    expect(all).toContain('"A IN web.default.svc.cluster.local. udp');
  });
});
