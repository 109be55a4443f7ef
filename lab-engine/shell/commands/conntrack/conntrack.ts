// conntrack from conntrack-tools 1.4.7 on a node: the kernel's connection table that the packet
// engine fills with the learner's own traffic (kube-proxy's DNAT shows as a reply source that is
// a pod, not the ClusterIP; masquerade as a reply destination that is the node). -L/-D with the
// usual filters, -C, -S, -F; messages and the "flow entries have been shown" line on stderr as
// conntrack prints them. -E (events) and -I/-U (writing entries) are not simulated and say so.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { matchesFilter, type ConntrackFilter, type ConntrackTable } from '../../../dataplane/conntrack/conntrack';
import type { SnatPortTable } from '../../../dataplane/conntrack/snat-ports';
import { countedFlowEntries, groupMatches } from '../../../dataplane/conntrack/snat-flow-entries';
import { CONNTRACK_TOOLS_VERSION, formatConntrackEntry } from '../../../dataplane/conntrack/format';

export interface NodeConntrack {
  table: ConntrackTable;
  nowMs: number;
  /** The masquerade ports bulk clients hold, counted rather than listed (dataplane/conntrack/snat-ports.ts). */
  snat?: SnatPortTable;
}

export type NodeConntrackResolver = (ctx: CommandContext) => NodeConntrack | undefined;

const PREFIX = `conntrack ${CONNTRACK_TOOLS_VERSION} (conntrack-tools)`;
const TRY = "Try `conntrack -h' or 'conntrack --help' for more information.\n";
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

type Command = 'list' | 'delete' | 'count' | 'stats' | 'flush' | 'help' | 'version';

const COMMANDS: Readonly<Record<string, Command>> = {
  '-L': 'list', '--dump': 'list', '-D': 'delete', '--delete': 'delete', '-C': 'count', '--count': 'count',
  '-S': 'stats', '--stats': 'stats', '-F': 'flush', '--flush': 'flush', '-h': 'help', '--help': 'help', '-V': 'version', '--version': 'version',
};
const NOT_SIMULATED: Readonly<Record<string, string>> = { '-E': 'event mode (-E)', '--event': 'event mode (-E)', '-I': 'creating entries (-I)', '--create': 'creating entries (-I)', '-U': 'updating entries (-U)', '--update': 'updating entries (-U)', '-G': 'getting one entry (-G)', '--get': 'getting one entry (-G)' };
const VALUE_OPTIONS: Readonly<Record<string, keyof ConntrackFilter | 'output' | 'family'>> = {
  '-p': 'protocol', '--proto': 'protocol', '-s': 'origSrc', '--src': 'origSrc', '--orig-src': 'origSrc', '-d': 'origDst', '--dst': 'origDst', '--orig-dst': 'origDst',
  '-r': 'replySrc', '--reply-src': 'replySrc', '-q': 'replyDst', '--reply-dst': 'replyDst', '--sport': 'sport', '--orig-port-src': 'sport', '--dport': 'dport', '--orig-port-dst': 'dport',
  '--state': 'state', '-o': 'output', '--output': 'output', '-f': 'family', '--family': 'family',
};

const HELP = `Command line interface for the connection tracking system. Version ${CONNTRACK_TOOLS_VERSION}
Usage: conntrack [commands] [options]

Commands:
  -L [table] [options]\t\tList conntrack or expectation table
  -G [table] parameters\t\tGet conntrack or expectation
  -D [table] parameters\t\tDelete conntrack or expectation
  -I [table] parameters\t\tCreate a conntrack or expectation
  -U [table] parameters\t\tUpdate a conntrack
  -E [table] [options]\t\tShow events
  -F [table]\t\t\tFlush table
  -C [table]\t\t\tShow counter
  -S\t\t\t\tShow statistics
`;

export function createConntrackCommand(resolve: NodeConntrackResolver): ShellCommand {
  return {
    name: 'conntrack',
    run(ctx) {
      const ct = resolve(ctx);
      if (!ct) return { stdout: '', stderr: 'bash: conntrack: command not found\n', exitCode: 127 };
      return runConntrack(ctx.args, ct);
    },
  };
}

export function runConntrack(args: readonly string[], ct: NodeConntrack): CommandOutput {
  const out = new OutputBuilder();
  const problem = (text: string) => out.err(`${PREFIX}: ${text}\n${TRY}`).done(2);
  let command: Command | undefined;
  const filter: ConntrackFilter = {};
  let extended = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (NOT_SIMULATED[a]) return out.err(`${PREFIX}: ${NOT_SIMULATED[a]} is not simulated in Flatnet; -L shows the table\n`).done(1);
    const c = COMMANDS[a];
    if (c) {
      if (command && command !== c) return problem('Invalid parameters: more than one command given');
      command = c;
      // `-L conntrack` / `-L expect` name the table.
      if (args[i + 1] === 'conntrack') i++;
      else if (args[i + 1] === 'expect') return out.err(`${PREFIX}: the expectation table is not simulated (it is empty without ALGs)\n`).done(1);
      continue;
    }
    if (a === '-n' || a === '--src-nat') { filter.srcNat = true; continue; }
    if (a === '-g' || a === '--dst-nat') { filter.dstNat = true; continue; }
    const key = VALUE_OPTIONS[a];
    if (!key) return out.err(`conntrack: invalid option -- '${a.replace(/^-+/, '')}'\n`).err(`${PREFIX}: unknown option \`${a}'\n${TRY}`).done(2);
    const v = args[++i];
    if (v === undefined) return problem(`option \`${a}' requires an argument`);
    switch (key) {
      case 'protocol':
        // A protocol without a tracker of its own is named by number or by /etc/protocols (4: ipencap, Calico's IPIP).
        if (v === '4' || v === 'ipencap') {
          filter.protocol = 'ipip';
          break;
        }
        if (v !== 'tcp' && v !== 'udp') return problem(v === 'icmp' ? 'icmp flows are not simulated' : `unknown protocol \`${v}'`);
        filter.protocol = v;
        break;
      case 'sport':
      case 'dport': {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) return problem(`invalid port \`${v}'`);
        filter[key] = n;
        break;
      }
      case 'output':
        if (v !== 'extended') return problem(`only -o extended is simulated`);
        extended = true;
        break;
      case 'family':
        if (v !== 'ipv4') return problem('only ipv4 is simulated');
        break;
      case 'state':
        filter.state = v;
        break;
      case 'origSrc':
      case 'origDst':
      case 'replySrc':
      case 'replyDst':
        if (!IPV4.test(v)) return problem(`Bad IP address \`${v}'`);
        filter[key] = v;
        break;
      default:
        return problem(`unknown option \`${a}'`);
    }
  }
  if (!command) return problem('no command specified');
  const counted = ct.snat?.groups(ct.nowMs).filter((g) => groupMatches(g, filter)) ?? [];
  const countedTotal = counted.reduce((n, g) => n + g.count, 0);
  // Without a filter `-C` reads nf_conntrack_count rather than dumping the table.
  const unfilteredCount = command === 'count' && Object.keys(filter).length === 0;
  const own = unfilteredCount ? [] : ct.table.list(ct.nowMs).filter((e) => matchesFilter(e, filter));
  // Counted flows are made into entries only for a listing.
  const entries = command === 'list' || command === 'delete' ? [...own, ...countedFlowEntries(counted)] : own;
  const line = (e: (typeof entries)[number]) => `${extended ? 'ipv4     2 ' : ''}${formatConntrackEntry(e, ct.nowMs)}\n`;
  switch (command) {
    case 'help':
      return out.out(HELP).done(0);
    case 'version':
      return out.out(`${PREFIX}\n`).done(0);
    case 'list':
      return out.out(entries.map(line).join('')).err(`${PREFIX}: ${entries.length} flow entries have been shown.\n`).done(0);
    case 'count':
      // nf_conntrack_count already holds the counted flows.
      return out.out(`${unfilteredCount ? ct.table.count(ct.nowMs) : own.length + countedTotal}\n`).done(0);
    case 'delete': {
      const deleted = own.length + countedTotal;
      if (deleted === 0) return out.err(`${PREFIX}: 0 flow entries have been deleted.\n`).done(1);
      const text = entries.map(line).join('');
      ct.table.delete(filter, ct.nowMs);
      ct.snat?.deleteGroups((g) => groupMatches(g, filter), ct.nowMs);
      return out.out(text).err(`${PREFIX}: ${deleted} flow entries have been deleted.\n`).done(0);
    }
    case 'flush':
      ct.table.delete({}, ct.nowMs);
      ct.snat?.deleteGroups(() => true, ct.nowMs);
      return out.err(`${PREFIX}: connection tracking table has been emptied.\n`).done(0);
    case 'stats': {
      // The kernel counts per CPU; a simulated node's work all lands on cpu=0.
      const s = ct.table.stats;
      const bulk = ct.snat?.stats ?? { insert: 0, insertFailed: 0, drop: 0 };
      const cpu = (n: number, found: number, insert: number, insertFailed: number, drop: number) => `cpu=${n}   \tfound=${found} invalid=0 insert=${insert} insert_failed=${insertFailed} drop=${drop} early_drop=0 error=0 search_restart=0 clash_resolve=0 chaintoolong=0 \n`;
      return out.out(cpu(0, s.found, s.insert + bulk.insert, bulk.insertFailed + (s.insertFailed ?? 0), s.drop + bulk.drop) + cpu(1, 0, 0, 0, 0)).done(0);
    }
    default: {
      const never: never = command;
      return never;
    }
  }
}
