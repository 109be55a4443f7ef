// dig from bind9 9.18 (Ubuntu's on the nodes, Alpine's bind-tools in netshoot). Unlike the stub
// resolver, dig does not apply the search list unless told (+search): `dig web` asks for `web.`,
// which CoreDNS forwards upstream, a classic surprise. Output as field captures against CoreDNS
// show it: the mDNS warning for names under .local, `flags: qr aa rd` with "recursion requested
// but not available" for the cluster zone, the OPT pseudosection with the echoed cookie, records
// in BIND's tab-stop columns (TTL at 24, class at 32, type at 40, data at 48).

import { responseWireSize } from '../../../dataplane/dns/wire-size';
import { utcString } from '../../../core/utc-text';
import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { QTYPES, type DnsResponse, type QType, type ResourceRecord } from '../../../dataplane/dns/cluster-dns';
import { IPV4, resolverConfig, reverseName, searchNames, sendQuery, type QueryOutcome } from './dns-client';

const DIG_VERSION: Readonly<Record<'node' | 'pod', string>> = { node: '9.18.30-0ubuntu0.24.04.2-Ubuntu', pod: '9.18.33' };
const USAGE = 'Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n            {global-d-opt} host [@local-server] {local-d-opt}\n            [ host [@local-server] {local-d-opt} [...]]\n\nUse "dig -h" (or "dig -h | more") for complete list of options\n';
/** dig's default: 5 s per try, 3 tries. */
export const DIG_GIVE_UP_MS = 15_000;

interface DigOptions {
  server?: string;
  name?: string;
  qtype: QType;
  short: boolean;
  sections: { comments: boolean; question: boolean; answer: boolean; authority: boolean; additional: boolean; stats: boolean; cmd: boolean };
  search: boolean;
}

export const dig: ShellCommand = {
  name: 'dig',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const parsed = parseDigArgs(ctx.args);
    if (typeof parsed === 'string') return out.err(parsed).done(1);
    const config = resolverConfig(ctx);
    const server = parsed.server ?? config.nameservers[0];
    const name = parsed.name ?? '.';
    const names = parsed.search && !IPV4.test(name) ? searchNames(name, config) : [name.replace(/\.$/, '')];
    let outcome: QueryOutcome | undefined;
    let asked = names[0];
    for (const candidate of names) {
      asked = candidate;
      outcome = sendQuery(ctx, server, candidate, parsed.qtype, { optBytes: 23, bufsize: 1232 });
      if (outcome.kind !== 'answer' || outcome.response.rcode === 'NOERROR') break;
    }
    const header = `\n; <<>> DiG ${DIG_VERSION[ctx.session?.location().kind === 'pod' ? 'pod' : 'node']} <<>> ${ctx.args.join(' ')}\n`;
    if (!outcome || outcome.kind !== 'answer') {
      const why = outcome?.kind === 'refused' ? 'connection refused' : 'timed out';
      const waited = outcome?.kind === 'refused' ? 0 : DIG_GIVE_UP_MS;
      if (waited && (await ctx.sleep(waited)) < waited) return out.done(130);
      const errors = `;; communications error to ${server}#53: ${why}\n`.repeat(3);
      if (parsed.short) return out.out(`${errors};; no servers could be reached\n`).done(9);
      return out.out(`${errors}${parsed.sections.cmd ? `${header};; global options: +cmd\n` : ''};; no servers could be reached\n\n`).done(9);
    }
    const r = outcome.response;
    if (parsed.short) return out.out(r.answers.map((a) => `${a.data}\n`).join('')).done(0);
    return out.out(fullAnswer(ctx, parsed, header, server, asked, r)).done(0);
  },
};

function fullAnswer(ctx: CommandContext, o: DigOptions, header: string, server: string, qname: string, r: DnsResponse): string {
  const fq = `${qname.replace(/\.$/, '')}.`.replace(/^\.$/, '.');
  const s = o.sections;
  const lines: string[] = [];
  if (s.cmd) lines.push(header + ';; global options: +cmd');
  if (s.comments) {
    lines.push(';; Got answer:');
    if (/\.local\.$/.test(fq)) lines.push(';; WARNING: .local is reserved for Multicast DNS', ';; You are currently testing what happens when an mDNS query is leaked to DNS');
    const flags = r.authoritative ? 'qr aa rd' : 'qr rd ra';
    lines.push(`;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}, id: ${queryId(fq, ctx.cluster.now())}`);
    lines.push(`;; flags: ${flags}; QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: ${r.additional.length + 1}`);
    if (r.authoritative) lines.push(';; WARNING: recursion requested but not available');
    lines.push('', ';; OPT PSEUDOSECTION:', '; EDNS: version: 0, flags:; udp: 1232', `; COOKIE: ${cookie(fq, ctx.cluster.now())} (echoed)`);
  }
  if (s.question) {
    if (s.comments) lines.push(';; QUESTION SECTION:');
    lines.push(columns([`;${fq}`, 'IN', o.qtype], [32, 40]));
    if (s.comments) lines.push('');
  }
  const section = (title: string, show: boolean, records: ResourceRecord[]) => {
    if (!show || records.length === 0) return;
    if (s.comments) lines.push(`;; ${title} SECTION:`);
    lines.push(...records.map(record));
    // The blank line between sections belongs to the comments (+noall +answer prints records only).
    if (s.comments) lines.push('');
  };
  section('ANSWER', s.answer, r.answers);
  section('AUTHORITY', s.authority, r.authority);
  section('ADDITIONAL', s.additional, r.additional);
  if (s.stats) {
    const when = utcString(ctx.cluster.now()).replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 UTC $4');
    lines.push(';; Query time: 0 msec', `;; SERVER: ${server}#53(${server}) (UDP)`, `;; WHEN: ${when}`, `;; MSG SIZE  rcvd: ${messageSize(fq, r)}`, '');
  }
  return lines.join('\n') + '\n';
}

/** One record in BIND's presentation: owner, then TTL, class, type and data at tab stops 24, 32, 40, 48. */
export function record(rr: ResourceRecord): string {
  return columns([rr.name, String(rr.ttl), 'IN', rr.type, rr.data], [24, 32, 40, 48]);
}

/** Pads with tabs to each column, at least one tab, as BIND's masterdump indents. */
function columns(fields: string[], stops: number[]): string {
  let text = fields[0];
  let col = fields[0].length;
  for (let i = 1; i < fields.length; i++) {
    const target = stops[i - 1];
    do {
      text += '\t';
      col = (Math.floor(col / 8) + 1) * 8;
    } while (col < target);
    text += fields[i];
    col += fields[i].length;
  }
  return text;
}

/**
 * Response size as dig reports it from CoreDNS: header, question, records with their owner names
 * written out, and CoreDNS's OPT record. Checked against two captures (139 and 175 bytes).
 */
/** dig's "MSG SIZE rcvd": the response with CoreDNS's OPT record echoing dig's cookie (21 bytes). */
function messageSize(fq: string, r: DnsResponse): number {
  return responseWireSize(fq, r, 21);
}

function hash(text: string, seed: number): number {
  let x = 2166136261 ^ seed;
  for (const c of text) x = Math.imul(x ^ c.charCodeAt(0), 16777619);
  return x >>> 0;
}

function queryId(fq: string, now: number): number {
  return hash(fq, now) % 65536;
}

function cookie(fq: string, now: number): string {
  return (hash(fq, now ^ 0x5a5a).toString(16).padStart(8, '0') + hash(fq, now ^ 0xa5a5).toString(16).padStart(8, '0')).slice(0, 16);
}

function parseDigArgs(args: readonly string[]): DigOptions | string {
  const o: DigOptions = { qtype: 'A', short: false, search: false, sections: { comments: true, question: true, answer: true, authority: true, additional: true, stats: true, cmd: true } };
  let typeSet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('@')) o.server = a.slice(1);
    else if (a === '-t' || a === '-x' || a === '-p' || a === '-c') {
      const v = args[++i];
      if (v === undefined) return `dig: option requires an argument -- '${a.slice(1)}'\n${USAGE}`;
      if (a === '-t') {
        const t = v.toUpperCase() as QType;
        if (!QTYPES.includes(t)) return `dig: '${v}' is not a valid type\n`;
        o.qtype = t;
        typeSet = true;
      } else if (a === '-x') {
        if (!IPV4.test(v)) return `dig: '${v}' is not a legal IPv4 address\n`;
        o.name = reverseName(v);
        o.qtype = 'PTR';
        typeSet = true;
      } else if (a === '-p' && v !== '53') return `dig: only port 53 is simulated\n`;
    } else if (a.startsWith('+')) {
      const err = digOption(o, a.slice(1));
      if (err) return err;
    } else if (a.startsWith('-') && a !== '-') return `Invalid option: ${a}\n${USAGE}`;
    else if (!typeSet && QTYPES.includes(a.toUpperCase() as QType)) {
      // As in dig, a word that names a type is the type, wherever it stands.
      o.qtype = a.toUpperCase() as QType;
      typeSet = true;
    } else if (a.toUpperCase() === 'IN') continue;
    else if (o.name === undefined) o.name = a;
    else return `dig: extra argument '${a}' (one query at a time is simulated)\n`;
  }
  return o;
}

function digOption(o: DigOptions, opt: string): string | undefined {
  const on = !opt.startsWith('no');
  const name = on ? opt : opt.slice(2);
  const s = o.sections;
  switch (name) {
    case 'short':
      o.short = on;
      return undefined;
    case 'search':
      o.search = on;
      return undefined;
    case 'all':
      for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] = on;
      return undefined;
    case 'comments':
    case 'question':
    case 'answer':
    case 'authority':
    case 'additional':
    case 'stats':
    case 'cmd':
      s[name] = on;
      return undefined;
    case 'tcp':
    case 'recurse':
    case 'cookie':
    case 'edns':
    case 'time=1':
    case 'tries=1':
      return undefined;
    default:
      if (/^(time|tries|retry)=\d+$/.test(name)) return undefined;
      return `Invalid option: +${opt}\n${USAGE}`;
  }
}
