// The Corefile parser against Corefiles from CoreDNS's and Kubernetes' documentation, and the
// refusals CoreDNS prints (in its own words) for the mistakes people post in issues:
// - kubeadm v1.34's Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go);
// - the stub domain of kubernetes.io "Customizing DNS Service" (`consul.local:53 { errors; cache 30;
//   forward . 10.150.0.1 }`);
// - `Unknown directive '.'` (coredns/deployment#215), `Wrong argument count or unexpected line
//   ending after '.'` for a forward without a target (missdeer/corednshome#8), `cannot serve
//   dns://.:53 - it is already defined` (coredns#1208, #7733).

import { describe, expect, it } from 'vitest';
import { COREFILE } from './bootstrap/system-configmaps';
import { forwardTarget, parseCorefile, rewriteRule } from './corefile';

const STUB_DOMAIN = `.:53 {
    errors
    cache 30
    forward . 172.16.0.1
}
consul.local:53 {
    errors
    cache 30
    forward . 10.150.0.1
}
`;

describe('parseCorefile', () => {
  it("reads kubeadm's Corefile: one server block for the root zone on 53 and its eleven plugins with their arguments", () => {
    const parsed = parseCorefile(COREFILE);
    if (parsed.kind !== 'ok') throw new Error(parsed.message);
    expect(parsed.blocks).toHaveLength(1);
    const [block] = parsed.blocks;
    expect(block.keys).toEqual([{ zone: '.', port: 53 }]);
    expect(block.plugins.map((p) => p.name)).toEqual(['errors', 'health', 'ready', 'kubernetes', 'prometheus', 'forward', 'cache', 'loop', 'reload', 'loadbalance']);
    const kubernetes = block.plugins.find((p) => p.name === 'kubernetes')!;
    expect(kubernetes.args).toEqual(['cluster.local', 'in-addr.arpa', 'ip6.arpa']);
    expect(kubernetes.block).toEqual([
      { name: 'pods', args: ['insecure'], line: 8 },
      { name: 'fallthrough', args: ['in-addr.arpa', 'ip6.arpa'], line: 9 },
      { name: 'ttl', args: ['30'], line: 10 },
    ]);
    expect(block.plugins.find((p) => p.name === 'forward')).toMatchObject({ args: ['.', '/etc/resolv.conf'], block: [{ name: 'max_concurrent', args: ['1000'] }] });
  });

  it('reads a stub domain as a second server block, zones made fully qualified', () => {
    const parsed = parseCorefile(STUB_DOMAIN);
    if (parsed.kind !== 'ok') throw new Error(parsed.message);
    expect(parsed.blocks.map((b) => b.keys)).toEqual([[{ zone: '.', port: 53 }], [{ zone: 'consul.local.', port: 53 }]]);
    expect(parsed.blocks[1].plugins.at(-1)).toMatchObject({ name: 'forward', args: ['.', '10.150.0.1'], line: 9 });
  });

  it('takes several keys in one block, a port, the dns:// scheme, comments and quoted arguments', () => {
    const parsed = parseCorefile('# corp\ndns://Corp.Example.:1053 lab.example {\n  hosts {\n    10.0.0.5 "db.lab.example" # inline\n    fallthrough\n  }\n}\n');
    if (parsed.kind !== 'ok') throw new Error(parsed.message);
    expect(parsed.blocks[0].keys).toEqual([{ zone: 'corp.example.', port: 1053 }, { zone: 'lab.example.', port: 53 }]);
    expect(parsed.blocks[0].plugins[0].block[0]).toEqual({ name: '10.0.0.5', args: ['db.lab.example'], line: 4 });
  });

  it("refuses an unknown directive with the line CoreDNS names (a plugin block nested as a server block)", () => {
    const text = '.:53 {\n    errors\n    . {\n        hosts /etc/k8shosts\n    }\n}\n';
    expect(parseCorefile(text)).toEqual({ kind: 'error', message: "/etc/coredns/Corefile:3 - Error during parsing: Unknown directive '.'" });
    expect(parseCorefile('.:53 {\n    forwrd . 8.8.8.8\n}\n')).toEqual({ kind: 'error', message: "/etc/coredns/Corefile:2 - Error during parsing: Unknown directive 'forwrd'" });
  });

  it("refuses a forward without a target, and a target that is neither an address nor a file", () => {
    expect(parseCorefile('.:53 {\n    forward .\n}\n')).toEqual({ kind: 'error', message: "plugin/forward: /etc/coredns/Corefile:2 - Error during parsing: Wrong argument count or unexpected line ending after '.'" });
    expect(parseCorefile('.:53 {\n    forward . dns.corp.example\n}\n')).toMatchObject({ kind: 'error', message: expect.stringContaining('not an IP address or file: "dns.corp.example"') });
    expect(parseCorefile('.:53 {\n    forward . 8.8.8.8 {\n        max_concurent 10\n    }\n}\n')).toMatchObject({ kind: 'error', message: "plugin/forward: /etc/coredns/Corefile:3 - Error during parsing: unknown property 'max_concurent'" });
  });

  it('refuses the same zone twice on one port, and a block left open', () => {
    expect(parseCorefile('.:53 {\n  forward . 8.8.8.8\n}\n.:53 {\n  forward . 1.1.1.1\n}\n')).toEqual({ kind: 'error', message: 'cannot serve dns://.:53 - it is already defined' });
    expect(parseCorefile('corp.example:53 {\n  forward . 10.50.0.10\n')).toEqual({ kind: 'error', message: '/etc/coredns/Corefile:2 - Error during parsing: Unexpected EOF' });
    // The same zone on another port is another server.
    expect(parseCorefile('.:53 {\n  whoami\n}\n.:1053 {\n  whoami\n}\n').kind).toBe('ok');
  });
});

describe('forward targets and rewrite rules', () => {
  it('reads addresses with and without a port, and files', () => {
    expect(forwardTarget('10.50.0.10')).toEqual({ kind: 'address', ip: '10.50.0.10', port: 53 });
    expect(forwardTarget('dns://10.50.0.10:5353')).toEqual({ kind: 'address', ip: '10.50.0.10', port: 5353 });
    expect(forwardTarget('/etc/resolv.conf')).toEqual({ kind: 'resolv-conf', path: '/etc/resolv.conf' });
    expect(forwardTarget('10.50.0.300')).toBeUndefined();
  });

  it("reads the rewrite plugin's README forms: exact by default, a match type, stop/continue, answer auto", () => {
    expect(rewriteRule(['name', 'foo.example.com', 'foo.default.svc.cluster.local'])).toEqual({ mode: 'stop', match: 'exact', from: 'foo.example.com', to: 'foo.default.svc.cluster.local', answerBack: false });
    expect(rewriteRule(['continue', 'name', 'suffix', '.corp.example', '.svc.cluster.local', 'answer', 'auto'])).toEqual({ mode: 'continue', match: 'suffix', from: '.corp.example', to: '.svc.cluster.local', answerBack: true });
    expect(rewriteRule(['type', 'ANY', 'HINFO'])).toBeUndefined();
  });
});
