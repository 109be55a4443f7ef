// Calico's WireGuard mode: a FelixConfiguration turns it on (default for all nodes, node.<name> for
// one), wireguard.cali appears with MTU 1500 − 60 and the pods follow it, table 1 sends the other
// nodes' blocks into the tunnel, `wg show` reads the device, a capture on eth0 sees only UDP 51820
// between node addresses while same-node traffic stays plain, and a node whose calico-node is not
// ready is nobody's peer.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../../simulation/simulation';
import { wireguardDevice, wireguardPublicKey, wireguardSettings } from './wireguard';

const ENABLE = `kubectl patch felixconfiguration default --type='merge' -p '{"spec":{"wireguardEnabled":true}}'`;

async function run(sim: FlatnetSimulation, lines: string[]): Promise<void> {
  for (const l of lines) {
    const r = await sim.exec(l);
    expect(r.exitCode, `${l}: ${r.combined}`).toBe(0);
  }
}

/** web on node-2, a client on node-1 and a neighbour on node-2. */
async function pods(sim: FlatnetSimulation): Promise<{ web: string }> {
  await run(sim, [
    `kubectl run web --image=nginx --overrides='{"spec":{"nodeName":"node-2"}}'`,
    `kubectl run client --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"node-1"}}' --command -- sleep infinity`,
    `kubectl run neighbour --image=nicolaka/netshoot --overrides='{"spec":{"nodeName":"node-2"}}' --command -- sleep infinity`,
    'sleep 30',
  ]);
  settle(sim);
  return { web: sim.cluster.get('pods', 'default', 'web')!.status.podIP! };
}

describe('Felix settings', () => {
  it('merges default with node.<name>, the node-specific value winning; wireguardEnabledV6 is not the IPv4 switch', () => {
    const configs = [{ name: 'default', spec: { wireguardEnabled: true } }, { name: 'node.node-2', spec: { wireguardEnabled: false, wireguardListeningPort: 51821 } }];
    expect(wireguardSettings(configs, 'node-1')).toEqual({ enabled: true, listenPort: 51820, mtu: 1440 });
    expect(wireguardSettings(configs, 'node-2')).toEqual({ enabled: false, listenPort: 51821, mtu: 1440 });
    expect(wireguardSettings([{ name: 'default', spec: { wireguardEnabledV6: true } }], 'node-1').enabled).toBe(false);
    expect(wireguardSettings([{ name: 'node.node-1', spec: { wireguardEnabled: true } }], 'node-1').enabled).toBe(true);
    expect(wireguardSettings([{ name: 'default', spec: { wireguardEnabled: true, wireguardMTU: 1400 } }], 'node-1').mtu).toBe(1400);
    // calico-node's environment ranks above both objects.
    expect(wireguardSettings([{ name: 'default', spec: { wireguardEnabled: false } }], 'node-1', { FELIX_WIREGUARDENABLED: 'true' }).enabled).toBe(true);
    expect(wireguardSettings([{ name: 'default', spec: { wireguardEnabled: true } }], 'node-1', { FELIX_WIREGUARDENABLED: 'false' }).enabled).toBe(false);
  });

  it('makes peers only of enabled nodes whose calico-node runs', () => {
    const nodes = [{ name: 'a', internalIP: '172.18.0.2', podCIDR: '10.244.0.0/24' }, { name: 'b', internalIP: '172.18.0.3', podCIDR: '10.244.1.0/24' }, { name: 'c', internalIP: '172.18.0.4', podCIDR: '10.244.2.0/24' }];
    const ds = ['kube-system/calico-node'];
    const view = { nodes, pods: [], runningDaemonSets: { a: ds, b: ds, c: [] }, felixConfigurations: [{ name: 'default', spec: { wireguardEnabled: true } }] };
    const a = wireguardDevice(view, 'a')!;
    expect(a.peers.map((p) => [p.node, p.endpoint, p.allowedIps])).toEqual([['b', '172.18.0.3:51820', ['10.244.1.0/24']]]);
    expect(a.publicKey).toBe(wireguardPublicKey('a'));
    expect(a.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(wireguardDevice(view, 'c')).toBeUndefined();
  });
});

describe('WireGuard on a Calico cluster', () => {
  it('is off by default; patching the default FelixConfiguration adds wireguard.cali (MTU 1440), table 1 and pods at MTU 1440', async () => {
    const sim = createSimulation({ seed: 1 });
    expect((await sim.exec('ssh node-1 ip link show wireguard.cali')).stderr).toContain('Device "wireguard.cali" does not exist.');
    expect((await sim.exec('kubectl get felixconfiguration')).stdout).toMatch(/^NAME +AGE\ndefault +\S+\n$/);
    const patched = await sim.exec(ENABLE);
    expect(patched.stdout).toBe('felixconfiguration.crd.projectcalico.org/default patched\n');
    await pods(sim);
    const link = await sim.exec('ssh node-1 ip link show wireguard.cali');
    expect(link.stdout).toMatch(/^\d+: wireguard\.cali: <POINTOPOINT,NOARP,UP,LOWER_UP> mtu 1440 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n {4}link\/none \n$/);
    expect((await sim.exec('ssh node-1 ip rule')).stdout).toBe('0:\tfrom all lookup local\n99:\tnot from all fwmark 0x100000/0x100000 lookup 1\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n');
    expect((await sim.exec('ssh node-1 ip route show table 1')).stdout).toBe('10.244.0.0/24 dev wireguard.cali scope link \n10.244.2.0/24 dev wireguard.cali scope link \n');
    // The main table keeps BIRD's IP-in-IP routes: policy routing (rule 99 → table 1) decides first.
    expect((await sim.exec('ssh node-1 ip route')).stdout).toContain('10.244.2.0/24 via 172.18.0.4 dev tunl0 proto bird onlink');
    expect((await sim.exec('kubectl exec client -- ip link show eth0')).stdout).toMatch(/eth0@if\d+: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1440 /);
    const trace = await sim.exec('trace --brief pod/client pod/web:80');
    expect(trace.stdout).toContain('verdict: DELIVERED');
    expect(trace.stdout).toContain('wireguard.cali wraps the packet in WireGuard (encrypted, UDP 51820): outer 172.18.0.3 → 172.18.0.4, +60 bytes');
  });

  it('calicoctl patch felixconfiguration, as Calico\'s docs give it, turns it on too', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec(`ssh node-1\ncalicoctl patch felixconfiguration default --type='merge' -p '{"spec":{"wireguardEnabled":true}}'\nexit`);
    expect(r.stdout).toContain("Successfully patched 1 'FelixConfiguration' resource\n");
    expect(sim.cluster.get('felixconfigurations', undefined, 'default')!.spec).toMatchObject({ wireguardEnabled: true, logSeverityScreen: 'Info' });
    expect((await sim.exec('ssh node-1 wg show interfaces')).stdout).toBe('wireguard.cali\n');
    const missing = await sim.exec(`ssh node-1\ncalicoctl patch felixconfiguration node.node-9 -p '{"spec":{"wireguardEnabled":true}}'\nexit`);
    expect(missing.stderr).toContain("Failed to patch any 'FelixConfiguration' resources: resource does not exist: FelixConfiguration(node.node-9)");
  });

  it('refuses a mistyped value as the CRD schema does', async () => {
    const sim = createSimulation({ seed: 1 });
    const r = await sim.exec(`kubectl patch felixconfiguration default --type=merge -p '{"spec":{"wireguardEnabled":"true"}}'`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('The FelixConfiguration "default" is invalid: spec.wireguardEnabled: Invalid value: "string": spec.wireguardEnabled in body must be of type boolean: "string"');
  });

  it('`wg show` prints the device as wireguard-tools does', async () => {
    const sim = createSimulation({ seed: 1 });
    await run(sim, [ENABLE, 'sleep 5']);
    const golden = readFileSync(new URL('./testdata/wg-show-node-1.txt', import.meta.url), 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n');
    const r = await sim.exec('ssh node-1 wg show');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(golden);
    expect((await sim.exec('ssh node-1 wg show wireguard.cali allowed-ips')).stdout).toBe(`${wireguardPublicKey('control-plane')}\t10.244.0.0/24\n${wireguardPublicKey('node-2')}\t10.244.2.0/24\n`);
    expect((await sim.exec('ssh node-1 wg show interfaces')).stdout).toBe('wireguard.cali\n');
    expect((await sim.exec('ssh node-1 wg show eth0')).stderr).toBe('Unable to access interface: Operation not supported\n');
    expect((await sim.exec('ssh node-1 wg show wg0')).stderr).toBe('Unable to access interface: No such device\n');
    expect((await sim.exec('ssh node-1 wg frobnicate')).exitCode).toBe(1);
    expect((await sim.exec('ssh node-1 wg --help')).stdout).toContain('show: Shows the current configuration and device information');
    // Before WireGuard is on there is nothing to show, and `wg` says nothing.
    expect((await createSimulation({ seed: 1 }).exec('ssh node-1 wg')).stdout).toBe('');
  });

  it('a capture on eth0 sees UDP 51820 between the nodes and no HTTP; same-node traffic stays plain on the veths', async () => {
    const sim = createSimulation({ seed: 1 });
    await run(sim, [ENABLE]);
    const { web } = await pods(sim);
    const across = await sim.exec(`ssh node-2\ntcpdump -nni eth0 -c 4 &\nexit\nkubectl exec client -- curl -s -o /dev/null ${web}`);
    const lines = across.combined.split('\n').filter((l) => / IP /.test(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 172\.18\.0\.3\.51820 > 172\.18\.0\.4\.51820: UDP, length 96$/);
    expect(lines[1]).toMatch(/ IP 172\.18\.0\.4\.51820 > 172\.18\.0\.3\.51820: UDP, length 96$/);
    expect(across.combined).not.toContain('HTTP');
    expect(across.combined).not.toContain(web);
    // wireguard.cali itself sees the decrypted packet.
    const inside = await sim.exec(`ssh node-2\ntcpdump -nni wireguard.cali -c 4 &\nexit\nkubectl exec client -- curl -s -o /dev/null ${web}`);
    expect(inside.combined).toContain('HTTP: GET / HTTP/1.1');
    // Same node: client and server share node-2, nothing leaves it, the request is readable.
    const same = await sim.exec(`ssh node-2\ntcpdump -nni any -c 10 tcp port 80 &\nexit\nkubectl exec neighbour -- curl -s -o /dev/null ${web}`);
    expect(same.combined).toContain('HTTP: GET / HTTP/1.1');
    expect(same.combined).not.toContain('51820');
  });

  it('a node-specific FelixConfiguration enables one node only: it has no peer and the traffic goes plain IP-in-IP', async () => {
    const sim = createSimulation({ seed: 1 });
    await run(sim, [`kubectl apply -f - <<'EOF'
apiVersion: crd.projectcalico.org/v1
kind: FelixConfiguration
metadata:
  name: node.node-1
spec:
  wireguardEnabled: true
EOF`]);
    const { web } = await pods(sim);
    expect((await sim.exec('ssh node-1 wg show')).stdout).not.toContain('peer:');
    expect((await sim.exec('ssh node-2 ip link show wireguard.cali')).exitCode).not.toBe(0);
    const r = await sim.exec(`ssh node-2\ntcpdump -nni eth0 -c 1 &\nexit\nkubectl exec client -- curl -s -o /dev/null ${web}`);
    expect(r.combined).toContain('(ipip-proto-4)');
  });

  it('FELIX_WIREGUARDENABLED=true in calico-node\'s environment turns it on as the rollout reaches each node', async () => {
    const sim = createSimulation({ seed: 1 });
    await run(sim, ['kubectl -n kube-system set env daemonset/calico-node FELIX_WIREGUARDENABLED=true', 'sleep 120']);
    expect((await sim.exec('ssh node-1 wg show wireguard.cali peers')).stdout.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('drops the peer whose calico-node is not ready', async () => {
    const sim = createSimulation({ seed: 1 });
    await run(sim, [ENABLE, 'sleep 5']);
    expect((await sim.exec('ssh node-1 wg show wireguard.cali peers')).stdout.split('\n').filter(Boolean)).toHaveLength(2);
    await run(sim, [
      'kubectl label node node-1 pool=general',
      'kubectl label node control-plane pool=general',
      `kubectl -n kube-system patch ds calico-node -p '{"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux","pool":"general"}}}}}'`,
      'sleep 60',
    ]);
    expect((await sim.exec('ssh node-1 wg show wireguard.cali peers')).stdout).toBe(`${wireguardPublicKey('control-plane')}\n`);
    expect((await sim.exec('ssh node-1 ip route show table 1')).stdout).not.toContain('10.244.2.0/24');
  });
});
