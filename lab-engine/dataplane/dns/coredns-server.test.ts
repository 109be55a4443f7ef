// CoreDNS's answers following the Corefile: a stub domain as its own server block (kubernetes.io
// "Customizing DNS Service"), hosts inline entries (plugin/hosts README: `hosts { 10.0.0.1
// example.org; fallthrough }`), a name rewrite into the cluster zone (plugin/rewrite README:
// `rewrite name foo.example.com foo.default.svc.cluster.local`), the cache's TTL cap (plugin/cache
// README: `cache [TTL]`, at most 3600 s by default) and an ExternalName whose target is outside the
// cluster answered with the CNAME and the target's A (CoreDNS resolves it through itself).

import { describe, expect, it } from 'vitest';
import { createSimulation, settle } from '../../simulation/simulation';
import { queryClusterDns } from './cluster-dns';
import { applyRewrite } from './coredns-server';
import { rewriteRule } from '../../cluster/corefile';

const KUBERNETES = `    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }`;

/** The ConfigMap as a learner applies it. */
const corednsConfigMap = (corefile: string) =>
  `kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n  Corefile: |\n${corefile.replace(/^(?=.)/gm, '    ')}EOF`;

async function withCorefile(corefile: string) {
  const sim = createSimulation({ seed: 4 });
  const lines = [
    corednsConfigMap(corefile),
    'kubectl create deployment web --image=nginx',
    'kubectl expose deployment web --port 80',
  ];
  for (const line of lines) expect((await sim.exec(line)).exitCode, line).toBe(0);
  settle(sim);
  const ask = (name: string, qtype: 'A' | 'AAAA' | 'CNAME' = 'A') => queryClusterDns(sim.cluster, name, qtype);
  return { sim, ask };
}

describe('forward per zone', () => {
  it('sends corp.example to the corporate server and everything else to the upstream resolver', async () => {
    const { ask } = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . /etc/resolv.conf\n}\ncorp.example:53 {\n    forward . 10.50.0.10\n}\n`);
    expect(ask('git.corp.example')).toMatchObject({ rcode: 'NOERROR', answers: [{ name: 'git.corp.example.', type: 'A', data: '10.50.1.21' }] });
    expect(ask('nothing.corp.example')).toMatchObject({ rcode: 'NXDOMAIN', authority: [{ type: 'SOA', name: 'corp.example.' }] });
    expect(ask('example.com')).toMatchObject({ rcode: 'NOERROR', answers: [{ data: '203.0.113.50' }] });
    expect(ask('web.default.svc.cluster.local')).toMatchObject({ rcode: 'NOERROR', authoritative: true, answers: [{ type: 'A' }] });
  });

  it('without the stub block the public resolver answers NXDOMAIN for the private zone; forwarding everything to the corporate server loses the internet', async () => {
    expect((await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . /etc/resolv.conf\n}\n`)).ask('git.corp.example').rcode).toBe('NXDOMAIN');
    const { ask } = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . 10.50.0.10\n}\n`);
    expect(ask('git.corp.example').answers[0]?.data).toBe('10.50.1.21');
    expect(ask('example.com')).toMatchObject({ rcode: 'REFUSED', answers: [] });
  });

  it('a stub block with the wrong zone serves nothing the clients ask; a forward to nobody is SERVFAIL', async () => {
    const { ask } = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . /etc/resolv.conf\n}\ncorp.example.com:53 {\n    forward . 10.50.0.10\n}\n`);
    expect(ask('git.corp.example').rcode).toBe('NXDOMAIN');
    const dead = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . 10.99.0.53\n}\n`);
    expect(dead.ask('example.com').rcode).toBe('SERVFAIL');
  });

  it('a forward FROM narrower than the block leaves the rest unanswered (SERVFAIL), and `except` keeps a zone out', async () => {
    const { ask } = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward corp.example 10.50.0.10\n}\n`);
    expect(ask('git.corp.example').answers[0]?.data).toBe('10.50.1.21');
    expect(ask('example.com').rcode).toBe('SERVFAIL');
    const except = await withCorefile(`.:53 {\n    forward . 8.8.8.8 {\n        except example.net\n    }\n}\n`);
    expect(except.ask('example.com').rcode).toBe('NOERROR');
    expect(except.ask('www.example.net').rcode).toBe('SERVFAIL');
  });
});

describe('hosts, rewrite and cache', () => {
  it('hosts answers its inline names with TTL 3600 (or its ttl), falls through for the rest only with fallthrough', async () => {
    const hosts = `.:53 {\n    hosts {\n        10.50.1.99 legacy.internal\n        ttl 60\n        fallthrough\n    }\n${KUBERNETES}\n    forward . /etc/resolv.conf\n}\n`;
    const { ask } = await withCorefile(hosts);
    expect(ask('legacy.internal')).toEqual({ rcode: 'NOERROR', authoritative: true, answers: [{ name: 'legacy.internal.', ttl: 60, type: 'A', data: '10.50.1.99' }], authority: [], additional: [] });
    expect(ask('example.com').answers[0]?.data).toBe('203.0.113.50');
    const closed = await withCorefile(`.:53 {\n    hosts {\n        10.50.1.99 legacy.internal\n    }\n    forward . /etc/resolv.conf\n}\n`);
    expect(closed.ask('legacy.internal').answers[0]?.ttl).toBe(3600);
    expect(closed.ask('example.com').rcode).toBe('SERVFAIL');
  });

  it('rewrite name turns an outside name into a Service name before the kubernetes plugin sees it, whatever its place in the Corefile', async () => {
    const { ask } = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . /etc/resolv.conf\n    rewrite name web.shop.example web.default.svc.cluster.local\n}\n`);
    const svcIP = (await withCorefile(`.:53 {\n${KUBERNETES}\n}\n`)).ask('web.default.svc.cluster.local').answers[0].data;
    expect(ask('web.shop.example').answers).toEqual([{ name: 'web.default.svc.cluster.local.', ttl: 30, type: 'A', data: svcIP }]);
    const back = await withCorefile(`.:53 {\n${KUBERNETES}\n    rewrite name web.shop.example web.default.svc.cluster.local answer auto\n}\n`);
    expect(back.ask('web.shop.example').answers[0].name).toBe('web.shop.example.');
  });

  it('applies suffix and regex rules as the README shows', () => {
    expect(applyRewrite(rewriteRule(['name', 'suffix', '.corp.example', '.default.svc.cluster.local'])!, 'web.corp.example')).toBe('web.default.svc.cluster.local');
    expect(applyRewrite(rewriteRule(['name', 'regex', '(.*)\\.lab\\.example\\.', '{1}.default.svc.cluster.local'])!, 'db.lab.example')).toBe('db.default.svc.cluster.local');
    expect(applyRewrite(rewriteRule(['name', 'exact', 'a.example', 'b.example'])!, 'x.a.example')).toBeUndefined();
  });

  it('cache caps the TTL it hands out: 30 s with `cache 30`, the upstream 300 s without a cache', async () => {
    expect((await withCorefile(`.:53 {\n    forward . 8.8.8.8\n    cache 30\n}\n`)).ask('example.com').answers[0].ttl).toBe(30);
    expect((await withCorefile(`.:53 {\n    forward . 8.8.8.8\n}\n`)).ask('example.com').answers[0].ttl).toBe(300);
    expect((await withCorefile(`.:53 {\n    forward . 8.8.8.8\n    cache\n}\n`)).ask('example.com').answers[0].ttl).toBe(300);
  });

  it('no block for the zone: REFUSED; a Corefile that does not parse leaves the last good one serving', async () => {
    const { sim, ask } = await withCorefile(`cluster.local:53 {\n${KUBERNETES}\n}\n`);
    expect(ask('example.com').rcode).toBe('REFUSED');
    expect(ask('web.default.svc.cluster.local').rcode).toBe('NOERROR');
    expect((await sim.exec(corednsConfigMap('.:53 {\n    forwrd . 8.8.8.8\n}\n'))).exitCode).toBe(0);
    expect(ask('example.com').rcode).toBe('REFUSED');
  });
});

describe('ExternalName outside the cluster', () => {
  it('answers the CNAME and the A records CoreDNS fetched for its target, as forward gives them', async () => {
    const { sim, ask } = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . /etc/resolv.conf\n    cache 30\n}\n`);
    expect((await sim.exec('kubectl create service externalname site --external-name www.example.org')).exitCode).toBe(0);
    expect(ask('site.default.svc.cluster.local')).toMatchObject({
      rcode: 'NOERROR',
      answers: [
        { name: 'site.default.svc.cluster.local.', type: 'CNAME', data: 'www.example.org.' },
        { name: 'www.example.org.', type: 'A', data: '203.0.113.50', ttl: 30 },
      ],
    });
    expect(ask('site.default.svc.cluster.local', 'CNAME').answers).toHaveLength(1);
    expect((await sim.exec('kubectl create service externalname gone --external-name db.nowhere.invalid')).exitCode).toBe(0);
    expect(ask('gone.default.svc.cluster.local')).toMatchObject({ rcode: 'NXDOMAIN', answers: [{ type: 'CNAME' }] });
  });
});

describe('ExternalName to a managed database behind an alias', () => {
  it('answers the whole chain: the Service CNAME, the provider CNAME to the writer instance, its A, each TTL capped by the cache', async () => {
    const { sim, ask } = await withCorefile(`.:53 {\n${KUBERNETES}\n    forward . /etc/resolv.conf\n    cache 30\n}\n`);
    expect((await sim.exec('kubectl create service externalname orders-db --external-name orders-prod.cluster-c9akciq32.db.example.net')).exitCode).toBe(0);
    expect(ask('orders-db.default.svc.cluster.local').answers).toEqual([
      { name: 'orders-db.default.svc.cluster.local.', ttl: 30, type: 'CNAME', data: 'orders-prod.cluster-c9akciq32.db.example.net.' },
      { name: 'orders-prod.cluster-c9akciq32.db.example.net.', ttl: 5, type: 'CNAME', data: 'orders-prod-instance-1.c9akciq32.db.example.net.' },
      { name: 'orders-prod-instance-1.c9akciq32.db.example.net.', ttl: 5, type: 'A', data: '203.0.113.40' },
    ]);
    // An ExternalName that looks like an address is a name all the same: nobody has it.
    expect((await sim.exec('kubectl create service externalname by-ip --external-name 203.0.113.40')).exitCode).toBe(0);
    expect(ask('by-ip.default.svc.cluster.local')).toMatchObject({ rcode: 'NXDOMAIN', answers: [{ type: 'CNAME', data: '203.0.113.40.' }] });
  });
});
