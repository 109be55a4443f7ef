import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRuleSave } from '../kube-proxy/netfilter/format-rule';
import { kubeletOnlyNodeTables } from '../kube-proxy/netfilter/node-tables';
import { walkChain, type Packet, type WalkContext } from '../kube-proxy';
import { nodeLocalDnsRules, withNodeLocalDns } from './node-local-dns-rules';

const IPS = ['169.254.20.10', '10.96.0.10'];

/** The golden file's `-A` lines per table. */
function golden(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let table = '';
  for (const line of readFileSync(new URL('./testdata/node-local-dns-iptables-save.txt', import.meta.url), 'utf8').split('\n')) {
    if (line.startsWith('*')) out[(table = line.slice(1))] = [];
    else if (line.startsWith('-A')) out[table].push(line);
  }
  return out;
}

const ctx: WalkContext = { isLocalAddress: () => true, random: () => 0 };

describe('node-cache iptables rules', () => {
  it('match what node-cache leaves on a node with both local addresses, in the order Prepend leaves them', () => {
    const rules = nodeLocalDnsRules(IPS);
    const raw = rules.raw.chains.flatMap((c) => c.rules.map(formatRuleSave));
    const filter = [...rules.filter.INPUT, ...rules.filter.OUTPUT].map(formatRuleSave);
    expect({ raw, filter }).toEqual(golden());
  });

  it('go above the jumps already there in filter INPUT and OUTPUT and leave nat alone', () => {
    const base = kubeletOnlyNodeTables();
    const tables = withNodeLocalDns(base, IPS);
    const input = tables.filter.chains.find((c) => c.name === 'INPUT')?.rules.map(formatRuleSave) ?? [];
    expect(input.slice(0, 4).every((r) => r.endsWith('-j ACCEPT'))).toBe(true);
    expect(input[4]).toBe('-A INPUT -j KUBE-FIREWALL');
    expect(tables.nat).toBe(base.nat);
    expect(withNodeLocalDns(base, [])).toBe(base);
  });

  it('leave a query to a local address untracked, and one to another address tracked', () => {
    const { raw } = nodeLocalDnsRules(IPS);
    const query: Packet = { src: '10.244.1.5', dst: '169.254.20.10', protocol: 'udp', sport: 40000, dport: 53, ctstate: ['NEW'] };
    expect(walkChain(raw, 'PREROUTING', query, ctx).packet.ctstate).toEqual(['UNTRACKED']);
    expect(walkChain(raw, 'PREROUTING', { ...query, dst: '10.96.0.10', protocol: 'tcp' }, ctx).packet.ctstate).toEqual(['UNTRACKED']);
    expect(walkChain(raw, 'PREROUTING', { ...query, dst: '10.96.0.11' }, ctx).packet.ctstate).toEqual(['NEW']);
    // A forward to the upstream Service leaves the node tracked: only the local addresses are NOTRACKed.
    expect(walkChain(raw, 'OUTPUT', { ...query, src: '192.168.49.3', dst: '10.96.118.20', protocol: 'tcp' }, ctx).packet.ctstate).toEqual(['NEW']);
  });
});
