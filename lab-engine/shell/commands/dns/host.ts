// host from bind9: one line per record ("has address", "is an alias for", "has SRV record",
// "domain name pointer"), the search list applied as the stub resolver would, `Host X not found:
// 3(NXDOMAIN)` and exit 1 when no name in the list exists. A server given as the second operand is
// announced first ("Using domain server:").

import { OutputBuilder, type CommandOutput, type ShellCommand } from '../../command-types';
import { QTYPES, type QType, type ResourceRecord } from '../../../dataplane/dns/cluster-dns';
import { IPV4, resolverConfig, reverseName, searchNames, sendQuery } from './dns-client';

const USAGE = `Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]
            [-R number] [-m flag] [-p port] hostname [server]
`;
export const HOST_GIVE_UP_MS = 10_000;

export const host: ShellCommand = {
  name: 'host',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    let qtype: QType | undefined;
    const operands: string[] = [];
    for (let i = 0; i < ctx.args.length; i++) {
      const a = ctx.args[i];
      if (a === '-t') {
        const t = (ctx.args[++i] ?? '').toUpperCase() as QType;
        if (!QTYPES.includes(t)) return out.err(`host: invalid type: ${ctx.args[i] ?? ''}\n`).done(1);
        qtype = t;
      } else if (a === '-a' || a === '-v') qtype = 'ANY';
      else if (a.startsWith('-')) return out.err(`host: invalid option -- '${a.slice(1, 2)}'\n${USAGE}`).done(1);
      else operands.push(a);
    }
    const [name, serverArg] = operands;
    if (!name) return out.err(USAGE).done(1);
    const config = resolverConfig(ctx);
    const server = serverArg ?? config.nameservers[0];
    const reverse = IPV4.test(name);
    const type: QType = reverse ? 'PTR' : (qtype ?? 'A');
    const names = reverse ? [reverseName(name)] : searchNames(name, config);
    const using = serverArg ? `Using domain server:\nName: ${server}\nAddress: ${server}#53\nAliases: \n\n` : '';
    for (const candidate of names) {
      const outcome = sendQuery(ctx, server, candidate, type);
      if (outcome.kind !== 'answer') {
        if (outcome.kind === 'timeout' && (await ctx.sleep(HOST_GIVE_UP_MS)) < HOST_GIVE_UP_MS) return out.done(130);
        return out.out(`${using};; connection timed out; no servers could be reached\n`).done(1);
      }
      const r = outcome.response;
      // A server failure or refusal ends the search (bind's host prints the rcode's number and name).
      if (r.rcode === 'SERVFAIL' || r.rcode === 'REFUSED') return out.out(`${using}Host ${candidate.replace(/\.$/, '')} not found: ${r.rcode === 'SERVFAIL' ? '2(SERVFAIL)' : '5(REFUSED)'}\n`).done(1);
      if (r.rcode !== 'NOERROR') continue;
      if (r.answers.length === 0 && qtype) return out.out(`${using}${candidate} has no ${type} record\n`).done(0);
      return out.out(using + r.answers.map(hostLine).join('')).done(0);
    }
    return out.out(`${using}Host ${reverse ? `${reverseName(name)}.` : name} not found: 3(NXDOMAIN)\n`).done(1);
  },
};

function hostLine(rr: ResourceRecord): string {
  const owner = rr.name.replace(/\.$/, '');
  switch (rr.type) {
    case 'A':
      return `${owner} has address ${rr.data}\n`;
    case 'AAAA':
      return `${owner} has IPv6 address ${rr.data}\n`;
    case 'CNAME':
      return `${owner} is an alias for ${rr.data}\n`;
    case 'SRV':
      return `${owner} has SRV record ${rr.data}\n`;
    case 'PTR':
      return `${rr.name.replace(/\.$/, '')} domain name pointer ${rr.data}\n`;
    case 'TXT':
      return `${owner} descriptive text ${rr.data}\n`;
    case 'NS':
      return `${owner} name server ${rr.data}\n`;
    case 'SOA':
      return `${owner} has SOA record ${rr.data}\n`;
    default:
      return `${owner} has ${rr.type} record ${rr.data}\n`;
  }
}
