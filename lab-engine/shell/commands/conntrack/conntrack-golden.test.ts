// `conntrack -L` on the nodes after the learner's own traffic, kept as goldens whose headers name
// the upstream source of each fact (regenerate deliberately with UPDATE_GOLDEN=1, then review the
// diff against those sources). Each failed on main before: NodePort flows showed kube-proxy's skb
// mark as the ct mark (mark=16384), a DNS exchange was 120 s [ASSURED] and only on the client's
// node, and Calico's IPIP flows between the nodes were missing.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../../simulation/simulation';

const DIR = join(import.meta.dirname, 'testdata');

async function cluster(replicas: number, cni: 'calico' | 'flannel' = 'calico') {
  const sim = createSimulation({ seed: 1, topology: { cni } });
  for (const l of [`kubectl create deployment web --image=nginx --replicas=${replicas}`, 'kubectl expose deployment web --port 80 --type NodePort', 'kubectl run client --image=nicolaka/netshoot --command -- sleep infinity']) {
    expect((await sim.exec(l)).exitCode).toBe(0);
  }
  settle(sim);
  return sim;
}

async function transcript(sim: Awaited<ReturnType<typeof cluster>>, commands: string[]): Promise<string> {
  let text = '';
  for (const c of commands) {
    const r = await sim.exec(c);
    text += `$ ${c}\n${r.stdout}${r.stderr}`;
  }
  return text;
}

function golden(name: string, text: string) {
  const file = join(DIR, name);
  const stored = readFileSync(file, 'utf8');
  const header = stored.split('\n').filter((l) => l.startsWith('# ')).join('\n');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${header}\n${text}`);
  expect(text).toBe(stored.slice(header.length + 1));
}

describe('conntrack -L goldens', () => {
  it('a NodePort connection: the ct mark stays 0 (KUBE-MARK-MASQ marks the packet, not the connection)', async () => {
    const sim = await cluster(1);
    const port = sim.cluster.get('services', 'default', 'web')!.spec.ports![0].nodePort!;
    // node-2 has no endpoint: it DNATs to the pod on node-1 and masquerades (KUBE-MARK-MASQ, then KUBE-POSTROUTING).
    const text = await transcript(sim, [`curl -s -o /dev/null 172.18.0.4:${port}`, 'ssh node-2 conntrack -L -p tcp', 'ssh node-1 conntrack -L -p tcp']);
    expect(text).not.toContain('mark=16384');
    golden('nodeport-ct-mark.txt', text);
  });

  it('a DNS lookup through the kube-dns Service: 30 s without [ASSURED], on the client\'s node (DNAT) and on CoreDNS\'s', async () => {
    const sim = await cluster(1);
    const client = sim.cluster.get('pods', 'default', 'client')!.spec.nodeName!;
    const text = await transcript(sim, ['kubectl exec client -- nslookup web', 'sleep 5', `ssh ${client} conntrack -L -p udp`, 'ssh control-plane conntrack -L -p udp', 'sleep 30', `ssh ${client} conntrack -L -p udp`]);
    golden('dns-udp-flows.txt', text);
  });

  it('Calico IPIP between the nodes: a generic protocol-4 entry on both ends beside the inner flow', async () => {
    const sim = await cluster(1);
    const client = sim.cluster.get('pods', 'default', 'client')!.spec.nodeName!;
    const web = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    expect(web.spec.nodeName).not.toBe(client);
    const text = await transcript(sim, [`kubectl exec client -- curl -s -o /dev/null ${web.status.podIP}`, `ssh ${client} conntrack -L`, `ssh ${web.spec.nodeName} conntrack -L`, `ssh ${client} conntrack -L -p 4`]);
    expect(text).toMatch(/\nunknown {2}4 600 src=172\.18\.0\.\d dst=172\.18\.0\.\d src=172\.18\.0\.\d dst=172\.18\.0\.\d mark=0 use=1\n/);
    golden('calico-ipip-flows.txt', text);
  });

  it('flannel VXLAN between the nodes: UDP to 8472, each direction its own [UNREPLIED] flow', async () => {
    const sim = await cluster(1, 'flannel');
    const client = sim.cluster.get('pods', 'default', 'client')!.spec.nodeName!;
    const web = sim.cluster.list('pods', 'default').find((p) => p.metadata.labels?.app === 'web')!;
    expect(web.spec.nodeName).not.toBe(client);
    const text = await transcript(sim, [`kubectl exec client -- curl -s -o /dev/null ${web.status.podIP}`, `ssh ${client} conntrack -L -p udp --dport 8472`]);
    expect(text.match(/dport=8472 \[UNREPLIED\]/g)).toHaveLength(2);
    golden('flannel-vxlan-flows.txt', text);
  });
});
