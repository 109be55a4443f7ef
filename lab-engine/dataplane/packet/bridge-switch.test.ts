// Two pods on one node, end to end through the shell: on a bridge CNI (flannel's cni0, kubenet's
// cbr0) they are on-link to each other and the bridge switches their frames; on Calico every pod
// route goes through 169.254.1.1 (proxy ARP on the host's cali veth) and the node routes.
// Sources, cited again in each golden's header:
// - containernetworking/plugins plugins/main/bridge (cni.dev/plugins/current/main/bridge): the pod's
//   address carries the subnet prefix (the connected route `10.244.1.0/24 dev eth0 scope link`),
//   isGateway puts .1 on the bridge; flannel's CNI plugin delegates to it (flannel-io/cni-plugin
//   flannel_linux.go: bridge + host-local, isGateway true, hairpinMode true).
// - Linux: a switched frame is not routed (net/bridge/br_forward.c), so no ip_forward TTL decrement;
//   br_netfilter still runs iptables FORWARD on it (net/bridge/br_netfilter_hooks.c).
// - Calico: docs.tigera.io "Why does my container have a route to 169.254.1.1?" (proxy ARP, routed veths).
// Each golden failed on main before bridge-switch.ts (ttl=63, a 10.244.1.1 hop, no peer in ip neigh,
// trace's "addressed to the gateway , the bridge's own address").
// Regenerate deliberately with UPDATE_GOLDEN=1, then review against the sources above.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { sendProbe } from './walk';

const DIR = join(import.meta.dirname, 'testdata');

const PODS = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: a}
spec:
  nodeName: node-1
  containers: [{name: a, image: nicolaka/netshoot, command: [sleep, infinity]}]
---
apiVersion: v1
kind: Pod
metadata: {name: b}
spec:
  nodeName: node-1
  containers: [{name: b, image: nginx}]
EOF`;

async function twoPods(cni: 'flannel' | 'kubenet' | 'calico') {
  const sim = createSimulation({ seed: 1, topology: { cni } });
  expect((await sim.exec(PODS)).exitCode).toBe(0);
  settle(sim);
  const b = sim.cluster.get('pods', 'default', 'b')!.status.podIP!;
  return { sim, b };
}

/** Runs each command, as a transcript: `$ cmd` then what the learner sees. */
async function transcript(sim: Awaited<ReturnType<typeof twoPods>>['sim'], commands: string[]): Promise<string> {
  let text = '';
  for (const c of commands) {
    const r = await sim.exec(c);
    text += `$ ${c}\n${r.stdout}${r.stderr}`;
  }
  return text;
}

/** Compares with the golden's body; its leading `#` lines name the sources. */
function golden(name: string, text: string) {
  const file = join(DIR, name);
  const stored = readFileSync(file, 'utf8');
  const header = stored.split('\n').filter((l) => l.startsWith('# ')).join('\n');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, `${header}\n${text}`);
  expect(text).toBe(stored.slice(header.length + 1));
}

describe('two pods on one node', () => {
  it('flannel: switched by cni0 — ttl 64, one traceroute hop, the peer in ip neigh and in cni0 FDB, an L2 trace', async () => {
    const { sim, b } = await twoPods('flannel');
    const text = await transcript(sim, [
      `kubectl exec a -- ping -c 1 ${b}`,
      `kubectl exec a -- traceroute ${b}`,
      'kubectl exec a -- ip neigh',
      'ssh node-1 bridge fdb show br cni0',
      'trace pod/a pod/b:80',
    ]);
    expect(text).toContain(`from ${b}: icmp_seq=1 ttl=64 `);
    expect(text).toMatch(new RegExp(`traceroute to ${b.replace(/\./g, '\\.')} .*\\n 1  ${b.replace(/\./g, '\\.')} `));
    expect(text).toMatch(new RegExp(`${b.replace(/\./g, '\\.')} dev eth0 lladdr [0-9a-f:]{17} REACHABLE`));
    expect(text).not.toContain('addressed to the gateway ,');
    golden('same-node-flannel.txt', text);
  });

  it('kubenet: switched by cbr0 the same way', async () => {
    const { sim, b } = await twoPods('kubenet');
    const text = await transcript(sim, [`kubectl exec a -- ping -c 1 ${b}`, `kubectl exec a -- traceroute -n ${b}`, 'trace --brief pod/a pod/b:80']);
    expect(text).toContain('ttl=64');
    golden('same-node-kubenet.txt', text);
  });

  it('calico: routed through the node as before — ttl 63, the node as hop 1, only 169.254.1.1 in ip neigh', async () => {
    const { sim, b } = await twoPods('calico');
    const text = await transcript(sim, [`kubectl exec a -- ping -c 1 ${b}`, `kubectl exec a -- traceroute -n ${b}`, 'kubectl exec a -- ip neigh', 'trace pod/a pod/b:80']);
    expect(text).toContain('ttl=63');
    golden('same-node-calico.txt', text);
  });

  it('the walk: flannel has no node route hop and a bridge switch; calico routes in the node', async () => {
    for (const [cni, kinds] of [
      ['flannel', ['route', 'veth', 'bridge', 'veth', 'deliver']],
      ['calico', ['route', 'veth', 'route', 'veth', 'deliver']],
    ] as const) {
      const { sim, b } = await twoPods(cni);
      const r = sendProbe(sim.network.world(), { from: { kind: 'pod', namespace: 'default', name: 'a' }, dst: b, protocol: 'tcp', dport: 80 });
      expect(r.outcome.kind, cni).toBe('delivered');
      expect(r.hops.map((h) => h.kind), cni).toEqual(kinds);
      if (cni !== 'flannel') continue;
      expect(r.hops[2]).toMatchObject({ kind: 'bridge', action: 'switch', bridge: 'cni0', netns: 'node/node-1' });
      // b answered a's ARP request: it knows a's MAC too.
      const world = sim.network.world();
      const a = sim.cluster.get('pods', 'default', 'a')!.status.podIP!;
      expect(world.neighbours?.table(world.dataplane.pods['default/b'], sim.now()).find((n) => n.ip === a)).toMatchObject({ dev: 'eth0', state: 'REACHABLE' });
      expect(world.neighbours?.table(world.dataplane.pods['default/b'], sim.now() + 31_000).find((n) => n.ip === a)?.state).toBe('STALE');
    }
  });

  it('a pod reaching a Service whose endpoint shares its node still goes to the gateway and is routed back out cni0', async () => {
    const { sim } = await twoPods('flannel');
    await sim.exec('kubectl label pod b app=b');
    await sim.exec('kubectl expose pod b --port=80');
    settle(sim);
    const svc = sim.cluster.get('services', 'default', 'b')!.spec.clusterIP!;
    const r = sendProbe(sim.network.world(), { from: { kind: 'pod', namespace: 'default', name: 'a' }, dst: svc, protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    const bridges = r.hops.filter((h) => h.kind === 'bridge').map((h) => (h.kind === 'bridge' ? h.action : ''));
    expect(bridges).toEqual(['to-host', 'to-port']);
    expect(r.hops.some((h) => h.kind === 'netfilter' && h.verdict === 'DNAT')).toBe(true);
  });

  // flannel-io/flannel Documentation/kube-flannel.yml cni-conf.json: "hairpinMode": true on the bridge plugin;
  // kubernetes pkg/proxy/iptables: KUBE-MARK-MASQ for the hairpin, KUBE-POSTROUTING's MASQUERADE.
  it('a pod reaching itself through its Service: DNAT back to itself, masqueraded, out its own port (hairpin_mode)', async () => {
    const { sim } = await twoPods('flannel');
    await sim.exec('kubectl label pod b app=b');
    await sim.exec('kubectl expose pod b --port=80');
    settle(sim);
    const r = await sim.exec('trace --brief pod/b svc/b');
    expect(r.stdout).toContain("MASQUERADE (kube-proxy's KUBE-MARK-MASQ marked the packet 0x4000)");
    expect(r.stdout).toMatch(/cni0 sends the frame back out veth\w+, the port it came in by: hairpin_mode is on/);
  });
});
