// nslookup in its two common shapes. bind9's (nodes, netshoot) walks the search list like the stub
// resolver and prints the first name that exists. BusyBox's (busybox and alpine images) asks A and
// AAAA for every search domain at once and prints every answer, so a lookup that worked still
// lists NXDOMAIN for the other domains and exits 1; and it only searches names without a dot
// (`nslookup web.shop` fails where `wget web.shop` works). Both formats follow field captures
// against CoreDNS (`Address:\t10.96.0.10#53` for bind9, `Address:\t10.96.0.10:53` for BusyBox).
// BusyBox before 1.29 wrapped libc instead (nslookup-libc.ts); the image's profile says which.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { QTYPES, type QType, type ResourceRecord } from '../../../dataplane/dns/cluster-dns';
import { toolsetForImage } from '../../contexts/toolsets';
import { tagBehaviour } from '../../../dataplane/apps/images';
import { libcNslookup } from './nslookup-libc';
import { IPV4, resolverConfig, reverseName, searchNames, sendQuery, type QueryOutcome } from './dns-client';

/** bind9's nslookup: 2 s timeout, 2 tries per server... rounded to what a learner waits. */
export const NSLOOKUP_GIVE_UP_MS = 10_000;

interface NslookupArgs {
  name: string;
  server?: string;
  qtype: QType;
}

export const nslookup: ShellCommand = {
  name: 'nslookup',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const image = podImage(ctx);
    if (tagBehaviour(image).nslookup === 'libc') return libcNslookup(ctx, out);
    const busybox = toolsetForImage(image).busyboxIp;
    const parsed = parseArgs(ctx.args);
    if (typeof parsed === 'string') return out.err(busybox ? `nslookup: ${parsed}\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n` : `${parsed}\n`).done(1);
    const config = resolverConfig(ctx);
    const server = parsed.server ?? config.nameservers[0];
    const reverse = IPV4.test(parsed.name);
    const qtype: QType = reverse ? 'PTR' : parsed.qtype;
    return busybox ? busyboxLookup(ctx, out, parsed, server, qtype, reverse) : bindLookup(ctx, out, parsed, server, qtype, reverse);
  },
};

/** The image of the container the shell stands in; empty on a node or the workstation. */
function podImage(ctx: CommandContext): string {
  const loc = ctx.session?.location();
  if (loc?.kind !== 'pod') return '';
  const pod = ctx.cluster.get('pods', loc.namespace, loc.pod);
  return pod?.spec.containers.find((c) => c.name === loc.container)?.image ?? '';
}

function parseArgs(args: readonly string[]): NslookupArgs | string {
  let qtype: QType = 'A';
  const operands: string[] = [];
  for (const a of args) {
    const m = /^-(?:type|query|q|t)=(\w+)$/i.exec(a);
    if (m) {
      const t = m[1].toUpperCase() as QType;
      if (!QTYPES.includes(t)) return `unknown query type: ${m[1]}`;
      qtype = t;
    } else if (a === '-debug' || a === '-d' || /^-(port|timeout|retry)=\d+$/.test(a)) continue;
    else if (a.startsWith('-')) return `invalid option: ${a}`;
    else operands.push(a);
  }
  if (!operands[0]) return 'interactive mode is not simulated: give a name, e.g. nslookup kubernetes.default';
  return { name: operands[0], ...(operands[1] ? { server: operands[1] } : {}), qtype };
}

async function timedOut(ctx: CommandContext, out: OutputBuilder, server: string, outcome: QueryOutcome, busybox: boolean): Promise<CommandOutput> {
  if (outcome.kind !== 'refused' && (await ctx.sleep(NSLOOKUP_GIVE_UP_MS)) < NSLOOKUP_GIVE_UP_MS) return out.done(130);
  if (busybox) return out.out(';; connection timed out; no servers could be reached\n\n').done(1);
  const why = outcome.kind === 'refused' ? 'connection refused' : 'timed out';
  return out.out(`;; communications error to ${server}#53: ${why}\n`.repeat(3) + ';; no servers could be reached\n\n').done(1);
}

async function bindLookup(ctx: CommandContext, out: OutputBuilder, a: NslookupArgs, server: string, qtype: QType, reverse: boolean): Promise<CommandOutput> {
  const names = reverse ? [reverseName(a.name)] : searchNames(a.name, resolverConfig(ctx));
  const head = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  for (const name of names) {
    const outcome = sendQuery(ctx, server, name, qtype);
    if (outcome.kind !== 'answer') return timedOut(ctx, out, server, outcome, false);
    const r = outcome.response;
    // Only NXDOMAIN (or no data) moves on to the next search name; a server failure or refusal ends the lookup (bind's dighost.c).
    if (r.rcode === 'SERVFAIL' || r.rcode === 'REFUSED') return out.out(`${head}** server can't find ${name.replace(/\.$/, '')}: ${r.rcode}\n\n`).done(1);
    if (r.rcode !== 'NOERROR' || (r.answers.length === 0 && qtype !== 'A')) continue;
    if (qtype === 'A') sendQuery(ctx, server, name, 'AAAA');
    const lines = r.answers.map((rr) => bindRecord(rr)).join('');
    return out.out(`${head}${r.authoritative ? '' : 'Non-authoritative answer:\n'}${lines}\n`).done(0);
  }
  return out.out(`${head}** server can't find ${reverse ? reverseName(a.name) : a.name}: NXDOMAIN\n\n`).done(1);
}

function bindRecord(rr: ResourceRecord): string {
  const owner = rr.name.replace(/\.$/, '');
  switch (rr.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${owner}\nAddress: ${rr.data}\n`;
    case 'CNAME':
      return `${owner}\tcanonical name = ${rr.data}\n`;
    case 'PTR':
      return `${owner}\tname = ${rr.data}\n`;
    case 'SRV':
      return `${owner}\tservice = ${rr.data}\n`;
    case 'TXT':
      return `${owner}\ttext = ${rr.data}\n`;
    case 'NS':
      return `${owner}\tnameserver = ${rr.data}\n`;
    default:
      return `${owner}\t${rr.type.toLowerCase()} = ${rr.data}\n`;
  }
}

async function busyboxLookup(ctx: CommandContext, out: OutputBuilder, a: NslookupArgs, server: string, qtype: QType, reverse: boolean): Promise<CommandOutput> {
  const config = resolverConfig(ctx);
  // BusyBox searches only names without a dot.
  const names = reverse ? [reverseName(a.name)] : a.name.includes('.') ? [a.name.replace(/\.$/, '')] : config.search.map((s) => `${a.name}.${s}`);
  const types: QType[] = qtype === 'A' && !reverse ? ['A', 'AAAA'] : [qtype];
  let text = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let failed = false;
  let failRcode = 'NXDOMAIN';
  const empty: string[] = [];
  let nonAuthoritative = false;
  for (const type of types) {
    for (const name of names) {
      const outcome = sendQuery(ctx, server, name, type);
      if (outcome.kind !== 'answer') return timedOut(ctx, out, server, outcome, true);
      const r = outcome.response;
      if (!r.authoritative) nonAuthoritative = true;
      if (r.rcode !== 'NOERROR') {
        // An NXDOMAIN for AAAA repeats the one for A, as BusyBox prints both replies (SERVFAIL and REFUSED alike).
        text += `** server can't find ${name}: ${r.rcode}\n\n`;
        failed = true;
        failRcode = r.rcode;
      } else if (r.answers.length === 0) empty.push('');
      else text += (r.authoritative ? '' : 'Non-authoritative answer:\n') + r.answers.map(busyboxRecord).join('') + '\n';
    }
  }
  if (nonAuthoritative && names.length === 1 && failed) {
    return out.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\nNon-authoritative answer:\n\n** server can't find ${names[0]}: ${failRcode}\n\n`).done(1);
  }
  text += empty.map(() => '\n').join('');
  return out.out(text).done(failed ? 1 : 0);
}

function busyboxRecord(rr: ResourceRecord): string {
  const owner = rr.name.replace(/\.$/, '');
  switch (rr.type) {
    case 'A':
    case 'AAAA':
      return `Name:\t${owner}\nAddress: ${rr.data}\n`;
    case 'CNAME':
      return `${owner}\tcanonical name = ${rr.data.replace(/\.$/, '')}\n`;
    case 'PTR':
      return `${owner}\tname = ${rr.data.replace(/\.$/, '')}\n`;
    case 'SRV':
      return `${owner}\tservice = ${rr.data.replace(/\.$/, '')}\n`;
    default:
      return `${owner}\t${rr.type.toLowerCase()} = ${rr.data}\n`;
  }
}
