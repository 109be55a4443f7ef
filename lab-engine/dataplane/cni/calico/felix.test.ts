// Felix's rules on a Calico node, and what the walk does with them (issue 15, points 3 and 4).
// Upstream sources: projectcalico/calico v3.30.3 felix/rules/nat.go (NATOutgoingChain), static.go
// (cali-FORWARD, cali-INPUT, cali-POSTROUTING...), endpoints.go and dispatch.go (cali-tw-/cali-fw-,
// the dispatch chains), policy.go (cali-pi-/cali-po-, PolicyChainName), felix/generictables/rules.go
// (RuleHashes: the `cali:` ids), libcalico-go k8s conversion (knp.default.<name>). The ids pinned
// below (cali:flqWnvo8yq4ULQLa, cali:O3lYWMrLQYEMJtB5, cali:wUHhoiAYhphO9Mso, cali:8ZoYfO5HKXWbB3pk,
// cali:S93hcgKJrXEqnTfs...) are the ones every real Calico node shows for these static rules.

import { describe, expect, it } from 'vitest';
import { webCluster } from '../../../simulation/testing/packet-test-kit';
import { hopReasons, hopSummary } from '../../packet/render-hop';

const ALLOW_CLIENT = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-client
spec:
  podSelector:
    matchLabels:
      app: web
  ingress:
  - from:
    - podSelector:
        matchLabels:
          run: client
    ports:
    - port: 80
`;

describe('Calico natOutgoing (cali-nat-outgoing)', () => {
  it('a pod reaching a host outside the cluster is masqueraded to its node address in POSTROUTING', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: '172.18.0.100', protocol: 'tcp', dport: 80 });
    expect(r.outcome.kind).toBe('delivered');
    const nodeIP = c.sim.cluster.get('nodes', undefined, c.client.spec.nodeName!)!.status.addresses.find((a) => a.type === 'InternalIP')!.address;
    if (r.outcome.kind === 'delivered') expect(r.outcome.at.sourceSeen).toBe(nodeIP);
    const masq = r.hops.find((h) => h.kind === 'netfilter' && h.verdict === 'MASQUERADE')!;
    expect(masq.netns).toBe(`node/${c.client.spec.nodeName}`);
    expect(hopSummary(masq)).toContain('natOutgoing');
    // conntrack keeps the SNAT: the reply tuple is addressed to the node, not the pod.
    const ct = (await c.sim.exec(`ssh ${c.client.spec.nodeName} conntrack -L -p tcp -d 172.18.0.100`)).stdout;
    expect(ct).toMatch(new RegExp(`src=${c.client.status.podIP} dst=172\\.18\\.0\\.100 sport=\\d+ dport=80 src=172\\.18\\.0\\.100 dst=${nodeIP.replace(/\./g, '\\.')} sport=80 `));
    expect(hopReasons(masq)).toContain('-A cali-nat-outgoing -m comment --comment "cali:flqWnvo8yq4ULQLa" -m set --match-set cali40masq-ipam-pools src -m set ! --match-set cali40all-ipam-pools dst -j MASQUERADE --random-fully');
  });

  it('pod to pod across nodes stays un-NATed: the destination is in a pool', async () => {
    const c = await webCluster('calico');
    const r = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(r.hops.some((h) => h.kind === 'netfilter' && h.verdict === 'MASQUERADE')).toBe(false);
    if (r.outcome.kind === 'delivered') expect(r.outcome.at.sourceSeen).toBe(c.client.status.podIP);
  });

  it('iptables-save and ipset list on a node show the chains and sets Felix programs', async () => {
    const c = await webCluster('calico');
    const node = c.client.spec.nodeName!;
    const nat = (await c.sim.exec(`ssh ${node} iptables-save -t nat`)).stdout;
    for (const line of [
      '-A POSTROUTING -m comment --comment "cali:O3lYWMrLQYEMJtB5" -j cali-POSTROUTING',
      '-A cali-POSTROUTING -m comment --comment "cali:nYKhEzDlr11Jccal" -j cali-nat-outgoing',
      '-A cali-POSTROUTING -o tunl0 -m comment --comment "cali:SXWvdsbh4Mw7wOln" -m addrtype ! --src-type LOCAL --limit-iface-out -m addrtype --src-type LOCAL -j MASQUERADE --random-fully',
      '-A cali-nat-outgoing -m comment --comment "cali:flqWnvo8yq4ULQLa" -m set --match-set cali40masq-ipam-pools src -m set ! --match-set cali40all-ipam-pools dst -j MASQUERADE --random-fully',
    ]) expect(nat).toContain(`${line}\n`);
    // Felix's jump comes first in POSTROUTING: it inserts, kube-proxy's KUBE-POSTROUTING follows.
    expect(nat.indexOf('-j cali-POSTROUTING')).toBeLessThan(nat.indexOf('-j KUBE-POSTROUTING'));
    const filter = (await c.sim.exec(`ssh ${node} iptables-save -t filter`)).stdout;
    for (const line of [
      '-A FORWARD -m comment --comment "cali:wUHhoiAYhphO9Mso" -j cali-FORWARD',
      '-A FORWARD -m comment --comment "cali:S93hcgKJrXEqnTfs" -m comment --comment "Policy explicitly accepted packet." -m mark --mark 0x10000/0x10000 -j ACCEPT',
      '-A cali-FORWARD -i cali+ -m comment --comment "cali:8ZoYfO5HKXWbB3pk" -j cali-from-wl-dispatch',
      '-A cali-FORWARD -o cali+ -m comment --comment "cali:jdEuaPBe14V2hutn" -j cali-to-wl-dispatch',
      '-A cali-INPUT -p ipencap -m comment --comment "cali:PajejrV4aFdkZojI" -m comment --comment "Allow IPIP packets from Calico hosts" -m set --match-set cali40all-hosts-net src -m addrtype --dst-type LOCAL -j ACCEPT',
    ]) expect(filter).toContain(`${line}\n`);
    expect(filter).toMatch(/\n-A cali-from-wl-dispatch -i cali[0-9a-f]{11} -m comment --comment "cali:[\w-]{16}" -g cali-fw-cali[0-9a-f]{11}\n/);
    expect(filter).toContain('-m comment --comment "Unknown interface" -j DROP\n');
    const sets = (await c.sim.exec(`ssh ${node} ipset list cali40all-ipam-pools`)).stdout;
    expect(sets).toMatch(/^Name: cali40all-ipam-pools\nType: hash:net\nRevision: 7\nHeader: family inet hashsize 1024 maxelem 1048576 bucketsize 12 initval 0x[0-9a-f]{8}\n/);
    expect(sets).toContain('Members:\n10.244.0.0/16\n');
  });
});

describe('a NetworkPolicy in Felix chains', () => {
  async function withPolicy() {
    const c = await webCluster('calico');
    const r = await c.sim.exec(`cat <<'EOF' | kubectl apply -f -\n${ALLOW_CLIENT}EOF`);
    expect(r.exitCode, r.combined).toBe(0);
    return c;
  }

  it('shows up on the node of a selected pod as cali-pi-… with the knp.default. name Felix derives, reached from the pod\'s cali-tw- chain', async () => {
    const c = await withPolicy();
    const node = c.remoteWeb.spec.nodeName!;
    const filter = (await c.sim.exec(`ssh ${node} iptables-save -t filter`)).stdout;
    const pi = /\n-A (cali-pi-_[\w-]{19}) -p tcp -m comment --comment "cali:[\w-]{16}" -m comment --comment "Policy default\/knp\.default\.allow-client ingress" -m set --match-set (cali40s:[\w-]{23}) src -m multiport --dports 80 -j MARK --set-xmark 0x10000\/0x10000\n/.exec(filter);
    expect(pi).not.toBeNull();
    expect(filter).toMatch(new RegExp(`\\n-A cali-tw-cali[0-9a-f]{11} -m comment --comment "cali:[\\w-]{16}" -m mark --mark 0x0/0x20000 -j ${pi![1]}\\n`));
    expect(filter).toContain('-m comment --comment "End of tier default. Drop if no policies passed packet" -m mark --mark 0x0/0x20000 -j DROP\n');
    const set = (await c.sim.exec(`ssh ${node} ipset list ${pi![2]}`)).stdout;
    expect(set).toContain(`Members:\n${c.client.status.podIP}\n`);
  });

  it('the walk names the cali rule that dropped or accepted, and the verdict keeps its reasons', async () => {
    const c = await withPolicy();
    const allowed = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 80 });
    expect(allowed.outcome.kind).toBe('delivered');
    const ok = allowed.hops.find((h) => h.kind === 'policy')!;
    expect(ok.kind === 'policy' && ok.agentRules?.some((r) => r.chain.startsWith('cali-pi-_') && r.spec.includes('-j MARK --set-xmark 0x10000/0x10000'))).toBe(true);
    expect(hopReasons(ok).at(-1)).toContain('"Return if policy accepted"');

    const denied = c.sim.network.probe({ from: c.fromClient, dst: c.remoteWeb.status.podIP!, protocol: 'tcp', dport: 8080 });
    expect(denied.outcome.kind).toBe('dropped');
    const no = denied.hops.at(-1)!;
    expect(no.kind).toBe('policy');
    if (no.kind !== 'policy') return;
    expect(no.verdict.reason).toBe('netpol.ingress.no_policy_allows');
    expect(no.agentRules?.at(-1)?.spec).toMatch(/^-A cali-tw-cali[0-9a-f]{11} -m comment --comment "cali:[\w-]{16}" -m comment --comment "End of tier default. Drop if no policies passed packet" -m mark --mark 0x0\/0x20000 -j DROP$/);
  });
});
