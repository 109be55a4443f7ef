// CoreDNS answering one query as the Corefile in kube-system/coredns says (the reload plugin
// applies an edit at once here; a Corefile that does not parse leaves the running servers on the
// last one that did, as reload keeps the old config when the new one fails).
//
// - The server block: the one whose zone is the longest suffix of the name, on port 53
//   (core/dnsserver); no block serves the name: REFUSED.
// - Its plugins run in CoreDNS's fixed order (plugin.cfg), not the Corefile's: rewrite (the name
//   is changed before anything else looks at it), hosts, kubernetes, forward.
// - hosts: inline `IP NAME…` lines, TTL 3600 unless `ttl` says otherwise, authoritative; a name
//   within its zones it does not hold falls through with `fallthrough`, else SERVFAIL (the plugin
//   has no SOA to give an NXDOMAIN with).
// - kubernetes: kubernetes-zone.ts; an NXDOMAIN falls through where `fallthrough` covers the name.
// - forward FROM TO…: names under FROM (not under an `except` zone) go to the first TO: an address,
//   or the nameserver in the pod's resolv.conf (`/etc/resolv.conf`). A server that never answers,
//   or a forward back to CoreDNS itself (which `loop` would have stopped at start), is SERVFAIL.
// - cache [TTL]: what it returns carries at most TTL seconds (3600 by default), and for denials
//   at most the denial TTL (1800); `disable success|denial ZONES` leaves those zones' answers alone.
// - An answer that is a CNAME alone (an ExternalName) has its target resolved through the same
//   server (CoreDNS's upstream lookup), so the client gets the chain and the final A records.
// - A name no plugin answers gets SERVFAIL (plugin.NextOrFailure: no next plugin).

import type { Cluster } from '../../cluster/cluster';
import { corednsNameservers, leadsBackToCoreDns } from '../../cluster/coredns-start';
import { forwardTarget, parseCorefile, PLUGIN_ORDER, rewriteRule, type CorefilePlugin, type RewriteRule, type ServerBlock } from '../../cluster/corefile';
import { COREFILE } from '../../cluster/bootstrap/system-configmaps';
import type { DnsResponse, QType, ResourceRecord } from './dns-types';
import { kubernetesAnswer, kubernetesHandles } from './kubernetes-zone';
import { queryServerAt } from './upstream';

/** How many CNAMEs CoreDNS's upstream lookup follows before giving up. */
const MAX_CNAME_DEPTH = 8;
/** The cache plugin's caps when none is given (plugin/cache: maxTTL 3600, maxNTTL 1800). */
const CACHE_SUCCESS_CAP = 3600;
const CACHE_DENIAL_CAP = 1800;
/** The hosts plugin's TTL when the block does not set one. */
const HOSTS_TTL = 3600;

const empty = (rcode: DnsResponse['rcode'], authoritative = false): DnsResponse => ({ rcode, authoritative, answers: [], authority: [], additional: [] });

/** Per cluster, the last Corefile that parsed (what reload keeps serving when an edit fails). */
const served = new WeakMap<object, { text: string; blocks: ServerBlock[] }>();

/** The server blocks the running CoreDNS serves: the ConfigMap's, or the last that parsed. */
export function servingBlocks(owner: object, corefile: string): ServerBlock[] {
  const last = served.get(owner);
  if (last?.text === corefile) return last.blocks;
  const result = parseCorefile(corefile);
  if (result.kind === 'ok') {
    served.set(owner, { text: corefile, blocks: result.blocks });
    return result.blocks;
  }
  if (last) return last.blocks;
  const fallback = parseCorefile(COREFILE);
  return fallback.kind === 'ok' ? fallback.blocks : [];
}

/** Lower case, no trailing dot. */
const norm = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** Whether `name` (normalized) lies in `zone` (`.`, `corp.example.` or `corp.example`). */
export function inZone(name: string, zone: string): boolean {
  const z = norm(zone);
  return z === '' || name === z || name.endsWith(`.${z}`);
}

/** The server block for a name: the longest zone that holds it, on port 53. */
export function selectBlock(blocks: readonly ServerBlock[], qname: string): ServerBlock | undefined {
  let best: { block: ServerBlock; length: number } | undefined;
  for (const block of blocks) {
    for (const key of block.keys) {
      if (key.port !== 53 || !inZone(qname, key.zone)) continue;
      const length = norm(key.zone).length;
      if (!best || length > best.length) best = { block, length };
    }
  }
  return best?.block;
}

export interface ServeContext {
  cluster: Cluster;
  /** The nameservers in CoreDNS's own resolv.conf, for `forward . /etc/resolv.conf`. */
  nameservers: readonly string[];
}

export function serveQuery(cluster: Cluster, qname: string, qtype: QType): DnsResponse {
  const corefile = cluster.get('configmaps', 'kube-system', 'coredns')?.data?.Corefile ?? '';
  const ctx: ServeContext = { cluster, nameservers: corednsNameservers(cluster) };
  return serve(ctx, servingBlocks(cluster, corefile), norm(qname), qtype, 0);
}

export function serve(ctx: ServeContext, blocks: readonly ServerBlock[], qname: string, qtype: QType, depth: number): DnsResponse {
  const block = selectBlock(blocks, qname);
  if (!block) return empty('REFUSED');
  const plugins = [...block.plugins].sort((a, b) => PLUGIN_ORDER.indexOf(a.name as never) - PLUGIN_ORDER.indexOf(b.name as never));
  const asked = qname;
  let rule: RewriteRule | undefined;
  let name = qname;
  for (const p of plugins.filter((x) => x.name === 'rewrite')) {
    const r = rewriteRule(p.args);
    const to = r && applyRewrite(r, name);
    if (r && to !== undefined) {
      name = to;
      rule = r;
      if (r.mode === 'stop') break;
    }
  }
  let response = chain(ctx, block, plugins, name, qtype);
  response = followCname(ctx, blocks, response, qtype, depth);
  const cache = plugins.find((p) => p.name === 'cache');
  if (cache) response = capTtls(cache, name, response);
  if (rule && name !== asked && rule.answerBack) response = renameRecords(response, name, asked);
  return response;
}

function chain(ctx: ServeContext, block: ServerBlock, plugins: readonly CorefilePlugin[], qname: string, qtype: QType): DnsResponse {
  for (const p of plugins) {
    switch (p.name) {
      case 'hosts': {
        const answer = hostsAnswer(p, block, qname, qtype);
        if (answer) return answer;
        break;
      }
      case 'kubernetes': {
        const zones = p.args.length ? p.args : block.keys.map((k) => k.zone);
        if (!zones.some((z) => inZone(qname, z)) || !kubernetesHandles(qname)) break;
        const answer = kubernetesAnswer(ctx.cluster, qname, qtype);
        const fallthrough = p.block.find((l) => l.name === 'fallthrough');
        if (answer.rcode === 'NXDOMAIN' && fallthrough && (fallthrough.args.length === 0 || fallthrough.args.some((z) => inZone(qname, z)))) break;
        return answer;
      }
      case 'forward': {
        const [from, ...to] = p.args;
        if (!from || !inZone(qname, from)) break;
        const except = p.block.find((l) => l.name === 'except')?.args ?? [];
        if (except.some((z) => inZone(qname, z))) break;
        const target = forwardTarget(to[0] ?? '');
        const ip = target?.kind === 'address' ? target.ip : target ? ctx.nameservers[0] : undefined;
        if (!ip || leadsBackToCoreDns(ip)) return empty('SERVFAIL');
        return queryServerAt(ip, qname, qtype) ?? empty('SERVFAIL');
      }
      default:
        break;
    }
  }
  return empty('SERVFAIL');
}

/** Inline hosts entries (`IP NAME…` lines in the block), by lower-case name. */
function hostsEntries(p: CorefilePlugin): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const line of p.block) {
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(line.name)) continue;
    for (const n of line.args) entries.set(norm(n), [...(entries.get(norm(n)) ?? []), line.name]);
  }
  return entries;
}

function hostsAnswer(p: CorefilePlugin, block: ServerBlock, qname: string, qtype: QType): DnsResponse | undefined {
  // `hosts [FILE [ZONES...]]`: the zones default to the server block's.
  const zones = p.args.length > 1 ? p.args.slice(1) : block.keys.map((k) => k.zone);
  if (!zones.some((z) => inZone(qname, z))) return undefined;
  const ips = hostsEntries(p).get(qname);
  if (ips) {
    const ttlLine = p.block.find((l) => l.name === 'ttl');
    const ttl = ttlLine && /^\d+$/.test(ttlLine.args[0] ?? '') ? Number(ttlLine.args[0]) : HOSTS_TTL;
    const answers: ResourceRecord[] = qtype === 'A' || qtype === 'ANY' ? ips.map((data) => ({ name: `${qname}.`, ttl, type: 'A' as const, data })) : [];
    return { rcode: 'NOERROR', authoritative: true, answers, authority: [], additional: [] };
  }
  const fallthrough = p.block.find((l) => l.name === 'fallthrough');
  if (fallthrough && (fallthrough.args.length === 0 || fallthrough.args.some((z) => inZone(qname, z)))) return undefined;
  return empty('SERVFAIL');
}

/** The name a `rewrite name` rule makes of `name`, undefined when it does not match. */
export function applyRewrite(rule: RewriteRule, name: string): string | undefined {
  const from = norm(rule.from);
  const to = norm(rule.to);
  switch (rule.match) {
    case 'exact':
      return name === from ? to : undefined;
    case 'prefix':
      return name.startsWith(from) ? to + name.slice(from.length) : undefined;
    case 'suffix':
      return name.endsWith(from) ? name.slice(0, name.length - from.length) + to : undefined;
    case 'substring':
      return name.includes(from) ? name.replace(from, to) : undefined;
    case 'regex': {
      let re: RegExp;
      try {
        re = new RegExp(rule.from);
      } catch {
        return undefined;
      }
      const m = re.exec(`${name}.`) ?? re.exec(name);
      if (!m) return undefined;
      return norm(rule.to.replace(/\{(\d+)\}/g, (_, i: string) => m[Number(i)] ?? ''));
    }
    default: {
      const never: never = rule.match;
      return never;
    }
  }
}

/** CoreDNS's upstream lookup: a CNAME without its target's records gets them from this same server. */
function followCname(ctx: ServeContext, blocks: readonly ServerBlock[], response: DnsResponse, qtype: QType, depth: number): DnsResponse {
  const last = response.answers.at(-1);
  if (qtype === 'CNAME' || response.rcode !== 'NOERROR' || last?.type !== 'CNAME' || depth >= MAX_CNAME_DEPTH) return response;
  const target = serve(ctx, blocks, norm(last.data), qtype, depth + 1);
  return { ...response, rcode: target.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : response.rcode, answers: [...response.answers, ...target.answers], authority: target.answers.length ? [] : target.authority };
}

/** The cache plugin's caps on what it hands out. */
function capTtls(cache: CorefilePlugin, qname: string, response: DnsResponse): DnsResponse {
  const disabled = (kind: string) => cache.block.some((l) => l.name === 'disable' && l.args[0] === kind && (l.args.length === 1 || l.args.slice(1).some((z) => inZone(qname, z))));
  const zones = cache.args.filter((a) => !/^\d+$/.test(a));
  if (zones.length && !zones.some((z) => inZone(qname, z))) return response;
  const success = Number(cache.args.find((a) => /^\d+$/.test(a)) ?? CACHE_SUCCESS_CAP);
  const denialLine = cache.block.find((l) => l.name === 'denial');
  const denial = Math.min(success, Number(denialLine?.args[1] ?? CACHE_DENIAL_CAP));
  const denied = response.rcode === 'NXDOMAIN' || response.answers.length === 0;
  if (response.rcode === 'SERVFAIL' || response.rcode === 'REFUSED') return response;
  if (denied ? disabled('denial') : disabled('success')) return response;
  const cap = (r: ResourceRecord) => ({ ...r, ttl: Math.min(r.ttl, denied ? denial : success) });
  return { ...response, answers: response.answers.map(cap), authority: response.authority.map(cap), additional: response.additional.map(cap) };
}

function renameRecords(response: DnsResponse, from: string, to: string): DnsResponse {
  const rename = (r: ResourceRecord) => (r.name === `${from}.` ? { ...r, name: `${to}.` } : r);
  return { ...response, answers: response.answers.map(rename) };
}
