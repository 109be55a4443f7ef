// conntrack -L/-C/-S/-D/-F on a node, over the table the learner's own traffic filled. Line format
// as conntrack-tools 1.4.7 prints it ("tcp      6 117 TIME_WAIT src=... [ASSURED] mark=0 use=1",
// the shown/deleted counts on stderr); -S per CPU as on a 6.x kernel ("cpu=0   \tfound=0 invalid=0
// insert=0 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0
// chaintoolong=0 ").

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

async function cluster() {
  const sim = createSimulation({ seed: 1 });
  for (const l of ['kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port 80', 'kubectl run client --image=nicolaka/netshoot --command -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  const client = sim.cluster.get('pods', 'default', 'client')!;
  const web = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!;
  const clusterIP = sim.cluster.get('services', 'default', 'web')!.spec.clusterIP!;
  const onNode = (line: string) => sim.exec(`ssh ${client.spec.nodeName}\n${line}\nexit`);
  return { sim, client, web, clusterIP, onNode };
}

describe('conntrack', () => {
  it('-L shows the client\'s connection through the Service: DNAT to the pod in the reply tuple, TIME_WAIT after curl closed it', async () => {
    const c = await cluster();
    await c.sim.exec('kubectl exec client -- curl -s -o /dev/null web');
    const r = await c.onNode('conntrack -L -p tcp');
    expect(r.stdout).toMatch(new RegExp(`\\ntcp      6 120 TIME_WAIT src=${c.client.status.podIP} dst=${c.clusterIP} sport=(\\d+) dport=80 src=${c.web.status.podIP} dst=${c.client.status.podIP} sport=80 dport=\\1 \\[ASSURED\\] mark=0 use=1\\n`.replace(/\./g, '\\.')));
    expect(r.stderr).toContain('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
    const later = await c.sim.exec(`sleep 30\nssh ${c.client.spec.nodeName}\nconntrack -L -p tcp -d ${c.clusterIP}\nexit`);
    expect(later.stdout).toContain('tcp      6 90 TIME_WAIT');
  });

  it('-C counts, -D deletes what the filters select, -F empties the table', async () => {
    const c = await cluster();
    await c.sim.exec('kubectl exec client -- curl -s -o /dev/null web');
    await c.sim.exec('kubectl exec client -- dig +short web.default.svc.cluster.local');
    // curl's TCP flow and its own DNS lookup, dig's query, and the IPIP flows to the two nodes they reached.
    expect((await c.onNode('conntrack -C')).stdout).toContain('\n5\n');
    const del = await c.onNode('conntrack -D -p udp --dport 53');
    expect(del.stdout).toMatch(/\nudp {6}17 30 src=[\d.]+ dst=10\.96\.0\.10 sport=\d+ dport=53 src=[\d.]+ dst=[\d.]+ sport=53 dport=\d+ mark=0 use=1\n/);
    expect(del.stderr).toContain('conntrack v1.4.7 (conntrack-tools): 2 flow entries have been deleted.\n');
    expect((await c.onNode('conntrack -L -p udp')).stderr).toContain(': 0 flow entries have been shown.\n');
    expect((await c.onNode('conntrack -F')).stderr).toContain('conntrack v1.4.7 (conntrack-tools): connection tracking table has been emptied.\n');
    expect((await c.onNode('conntrack -C')).stdout).toContain('\n0\n');
  });

  it('-S prints per-CPU counters; errors in conntrack\'s words; absent in a pod', async () => {
    const c = await cluster();
    await c.sim.exec('kubectl exec client -- curl -s -o /dev/null web');
    expect((await c.onNode('conntrack -S')).stdout).toContain('cpu=0   \tfound=0 invalid=0 insert=4 insert_failed=0 drop=0 early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 \ncpu=1   \tfound=0');
    const bad = await c.onNode('conntrack -x');
    expect(bad.stderr).toContain("conntrack: invalid option -- 'x'\nconntrack v1.4.7 (conntrack-tools): unknown option `-x'\nTry `conntrack -h' or 'conntrack --help' for more information.\n");
    expect((await c.onNode('conntrack')).stderr).toContain('conntrack v1.4.7 (conntrack-tools): no command specified\n');
    expect((await c.onNode('conntrack -L -s 10.0.0')).stderr).toContain("Bad IP address `10.0.0'");
    expect((await c.onNode('conntrack -E')).stderr).toContain('is not simulated');
    expect((await c.sim.exec('conntrack -L')).stderr).toBe('bash: conntrack: command not found\n');
  });
});
