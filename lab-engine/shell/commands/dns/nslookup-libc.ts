// BusyBox's nslookup before 1.29 (busybox networking/nslookup.c up to 1.28.4, the busybox:1.28
// image Kubernetes' "Debugging DNS Resolution" page pins): not a DNS client at all but a wrapper
// over libc. It prints the server through getaddrinfo + a reverse lookup (`Server:    <ip>` then
// `Address 1: <ip> <PTR name>`, printf "%-10s %s"), then resolves the name with getaddrinfo, which
// walks resolv.conf's search list (ndots:5 in a pod), so `nslookup kubernetes.default` resolves
// as kubernetes.default.svc.cluster.local; each address is printed with its PTR name when there is
// one. A name that does not resolve: `nslookup: can't resolve '<name>'` on stderr, exit 1 (print_host
// returns rc != 0). It takes no options: anything starting with `-` prints the usage.

import type { CommandContext, CommandOutput, OutputBuilder } from '../../command-types';
import { IPV4, resolverConfig, reverseName, searchNames, sendQuery } from './dns-client';

/** The stub resolver's give-up time (resolv.conf defaults: 5 s × 2 attempts). */
const LIBC_GIVE_UP_MS = 10_000;

const USAGE = 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n';

type Lookup = { kind: 'found'; values: string[] } | { kind: 'none' } | { kind: 'silent' };

export async function libcNslookup(ctx: CommandContext, out: OutputBuilder): Promise<CommandOutput> {
  const args = ctx.args;
  if (!args[0] || args[0].startsWith('-') || args.length > 2) return out.err(USAGE).done(1);
  const [name, explicitServer] = args;
  const config = resolverConfig(ctx);
  const server = explicitServer ?? config.nameservers[0];
  let silent = false;
  const ask = async (qname: string, qtype: 'A' | 'PTR'): Promise<Lookup | 'interrupted'> => {
    if (silent) return { kind: 'silent' };
    const outcome = sendQuery(ctx, server, qname, qtype);
    if (outcome.kind !== 'answer') {
      silent = true;
      return (await ctx.sleep(LIBC_GIVE_UP_MS)) < LIBC_GIVE_UP_MS ? 'interrupted' : { kind: 'silent' };
    }
    const values = outcome.response.answers.filter((rr) => rr.type === qtype).map((rr) => rr.data.replace(/\.$/, ''));
    return values.length ? { kind: 'found', values } : { kind: 'none' };
  };
  const reverse = async (ip: string): Promise<string | undefined | 'interrupted'> => {
    const r = await ask(reverseName(ip), 'PTR');
    return r === 'interrupted' ? r : r.kind === 'found' ? r.values[0] : undefined;
  };

  const serverName = await reverse(server);
  if (serverName === 'interrupted') return out.done(130);
  out.out(`${'Server:'.padEnd(10)} ${server}\nAddress 1: ${server}${serverName ? ` ${serverName}` : ''}\n\n`);

  let addresses: string[] = [];
  if (IPV4.test(name)) addresses = [name];
  else {
    for (const candidate of searchNames(name, config)) {
      const r = await ask(candidate, 'A');
      if (r === 'interrupted') return out.done(130);
      if (r.kind === 'found') {
        addresses = r.values;
        break;
      }
      if (r.kind === 'silent') break;
    }
  }
  if (addresses.length === 0) return out.err(`nslookup: can't resolve '${name}'\n`).done(1);
  out.out(`${'Name:'.padEnd(10)} ${name}\n`);
  for (const [i, ip] of addresses.entries()) {
    const back = await reverse(ip);
    if (back === 'interrupted') return out.done(130);
    out.out(`Address ${i + 1}: ${ip}${back ? ` ${back}` : ''}\n`);
  }
  return out.done(0);
}
