// agnhost, Kubernetes' e2e test multi-call binary, as `kubectl exec` runs it in an agnhost pod.
// `connect HOST:PORT [--timeout=1s] [--protocol=tcp|udp]` is the probe the NetworkPolicy e2e suite
// runs (test/e2e/network/netpol): exit 0 on success, else exit 1 and one line on stderr whose
// prefix the suite checks (kubernetes test/images/agnhost/connect/connect.go): `UNKNOWN: <err>`
// for a bad address, `DNS: <err>` when the name does not resolve, `TIMEOUT` when the connection
// attempt timed out (a NetworkPolicy DROP), `REFUSED` for a RST/ICMP refusal, `OTHER: <err>` for
// anything else (no route). The attempt is a real packet through the engine (nc-connect.ts), so
// policies, kube-proxy and the simulated clock all apply. Its servers (netexec, serve-hostname)
// run as the container's command (dataplane/apps/images/agnhost.ts), not from a shell.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { resolveHost, DNS_GIVE_UP_MS } from '../../contexts/name-resolution';
import { connect } from '../nc/nc-connect';
import { CLUSTER_DNS_IP } from '../../../dataplane/dns/pod-resolver';

const SUBCOMMANDS = ['audit-proxy', 'connect', 'crd-conversion-webhook', 'dns-server-list', 'dns-suffix', 'entrypoint-tester', 'fake-gitserver', 'guestbook', 'inclusterclient', 'liveness', 'logs-generator', 'mounttest', 'net', 'netexec', 'nettest', 'no-snat-test', 'no-snat-test-proxy', 'pause', 'port-forward-tester', 'porter', 'resource-consumer-controller', 'serve-hostname', 'tcp-reset', 'test-webserver', 'webhook'];

export const agnhost: ShellCommand = {
  name: 'agnhost',
  async run(ctx): Promise<CommandOutput> {
    const out = new OutputBuilder();
    const [sub, ...rest] = ctx.args;
    if (!sub || sub === '--help' || sub === '-h') return out.out(`Usage:\n  agnhost [command]\n\nAvailable Commands:\n${SUBCOMMANDS.map((s) => `  ${s}`).join('\n')}\n`).done(0);
    if (sub === 'connect') return connectCommand(ctx, out, rest);
    if (SUBCOMMANDS.includes(sub)) return out.err(`agnhost ${sub} is not simulated from a shell in this environment yet: run it as the container's command (args: ["${sub}"])\n`).done(1);
    return out.err(`Error: unknown command "${sub}" for "agnhost"\nRun 'agnhost --help' for usage.\n`).done(1);
  },
};

/** Go's time.ParseDuration for the forms the suite uses (1s, 500ms, 2m). */
function goDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) return text === '0' ? 0 : undefined;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

async function connectCommand(ctx: CommandContext, out: OutputBuilder, args: readonly string[]): Promise<CommandOutput> {
  let timeoutMs = 0;
  let protocol = 'tcp';
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^--?(timeout|protocol|udp-data|sctp-data)(?:=(.*))?$/.exec(args[i]);
    if (!m) {
      if (args[i].startsWith('-')) return out.err(`Error: unknown flag: ${args[i]}\n`).done(1);
      operands.push(args[i]);
      continue;
    }
    const value = m[2] ?? args[++i] ?? '';
    if (m[1] === 'timeout') {
      const ms = goDuration(value);
      if (ms === undefined) return out.err(`Error: invalid argument "${value}" for "--timeout" flag: time: invalid duration "${value}"\n`).done(1);
      timeoutMs = ms;
    }
    if (m[1] === 'protocol') protocol = value;
  }
  if (operands.length !== 1) return out.err(`Error: accepts 1 arg(s), received ${operands.length}\n`).done(1);
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== '') return out.err(protocol === 'sctp' ? 'OTHER: SCTP is not simulated in this environment\n' : `Unsupported protocol\n%!(EXTRA string=${protocol})`).done(1);
  const dest = operands[0];
  const colon = dest.lastIndexOf(':');
  if (colon < 0) return out.err(`UNKNOWN: address ${dest}: missing port in address\n`).done(1);
  const host = dest.slice(0, colon);
  const port = Number(dest.slice(colon + 1));
  const proto = protocol === 'udp' ? 'udp' : 'tcp';
  if (!Number.isInteger(port) || port < 0 || port > 65535) return out.err(`DNS: lookup ${proto}/${dest.slice(colon + 1)}: unknown port\n`).done(1);
  const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
  const resolved = resolveHost(host, loc, ctx.cluster, ctx.fs, ctx.session?.network());
  if (!resolved.ok) {
    if (resolved.reason === 'timeout' && (await ctx.sleep(DNS_GIVE_UP_MS)) < DNS_GIVE_UP_MS) return out.done(130);
    return out.err(`DNS: lookup ${host} on ${CLUSTER_DNS_IP}:53: ${resolved.reason === 'timeout' ? 'i/o timeout' : 'no such host'}\n`).done(1);
  }
  const target = `${resolved.ip}:${port}`;
  const outcome = await connect(ctx, resolved.ip, port, proto, timeoutMs > 0 ? timeoutMs : undefined);
  switch (outcome.kind) {
    case 'open':
      return out.done(0);
    case 'refused':
      return out.err(proto === 'udp' ? `REFUSED: read udp ${target}: read: connection refused\n` : 'REFUSED\n').done(1);
    case 'unreachable':
      return out.err(`OTHER: dial ${proto} ${target}: connect: no route to host\n`).done(1);
    case 'timeout':
      if (proto === 'udp') {
        // A datagram nobody answers: the read waits for the deadline (forever without one: capped here).
        const wait = timeoutMs > 0 ? timeoutMs : DNS_GIVE_UP_MS;
        if ((await ctx.sleep(wait)) < wait) return out.done(130);
        return out.err(`TIMEOUT: read udp ${target}: i/o timeout\n`).done(1);
      }
      return out.err('TIMEOUT\n').done(1);
    case 'interrupted':
      return out.done(130);
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
