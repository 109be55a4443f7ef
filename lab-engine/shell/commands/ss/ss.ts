// `ss` from iproute2 6.1 (Ubuntu 24.04's; netshoot's is a 6.x build with the same output) over the
// sockets the model knows (socket-table.ts): `ss -tlnp`, `-ulnp`, `-tan`, `-l`, `-a`, `-4`/`-6`,
// `-H`, `-p`, `-n`/`-r`, `-A QUERY`, `-f FAMILY`, a `state` filter and `sport`/`dport` comparisons.
// What follows misc/ss.c (v6.1.0): the option string "dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO"
// and its long options; getopt's "ss: invalid option -- 'q'" followed by the usage on stderr and
// exit(-1), i.e. status 255; -h prints the usage on stdout; -Z/-z answer "ss: SELinux is not
// enabled." (status 1) as on Ubuntu; the default state filter (connected sockets only, so plain
// `ss -t` lists no listener); -l meaning LISTEN plus UNCONN; the Netid column only when more than
// one socket table is shown, the State column only when more than one state is; UDP before TCP,
// IPv4 before IPv6; Recv-Q/Send-Q printed "%-6d"; a listener's peer `0.0.0.0:*`, `[::]:*` or `*:*`;
// service names from /etc/services unless -n. The column layout is column-layout.ts.
// Not modelled, and said so on stderr with status 1: connected and TIME-WAIT sockets (the
// simulated clients close theirs at once), unix/netlink/packet sockets (listed tables still show
// TCP and UDP, with a note), -o/-e/-m/-i/-s/-T/-b/-E/-K/-O/-D/-F/-N and richer filter expressions.

import { OutputBuilder, type CommandContext, type CommandOutput, type ShellCommand } from '../../command-types';
import { renderTable, ssColumns } from './column-layout';
import { socketsHere, type SocketRow } from './socket-table';
import { USAGE, VERSION } from './ss-usage';

const SHORT_FLAGS = 'dhaletuwxnro460spTbEmMiVzZKHSO';
const SHORT_VALUES = 'fADFN';
const LONG: Readonly<Record<string, string>> = {
  numeric: 'n', resolve: 'r', options: 'o', extended: 'e', memory: 'm', info: 'i', processes: 'p', threads: 'T', bpf: 'b', events: 'E',
  dccp: 'd', tcp: 't', sctp: 'S', udp: 'u', raw: 'w', unix: 'x', tipc: '@tipc', vsock: '@vsock', all: 'a', listening: 'l', ipv4: '4', ipv6: '6',
  packet: '0', 'family=': 'f', 'socket=': 'A', 'query=': 'A', summary: 's', 'diag=': 'D', 'filter=': 'F', version: 'V', help: 'h', context: 'Z',
  contexts: 'z', 'net=': 'N', tipcinfo: '@tipcinfo', tos: '@tos', cgroup: '@cgroup', kill: 'K', 'no-header': 'H', xdp: '@xdp', mptcp: 'M',
  oneline: 'O', 'inet-sockopt': '@inet-sockopt',
};
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  o: '-o (timer information)', e: '-e (socket details)', m: '-m (socket memory)', i: '-i (TCP internals)', s: '-s (summary)', T: '-T (threads)',
  b: '-b (BPF filters)', E: '-E (socket events)', K: '-K (killing sockets)', O: '-O (one-line output)', D: '-D (raw TCP diag dump)',
  F: '-F (filter file)', N: '-N (network namespace switch)', '@tipcinfo': '--tipcinfo', '@tos': '--tos', '@cgroup': '--cgroup', '@inet-sockopt': '--inet-sockopt',
};

/** Socket tables in the order ss dumps them. Only tcp and udp hold modelled sockets. */
const DB_ORDER = ['netlink', 'packet', 'unix', 'raw', 'udp', 'tcp', 'dccp', 'sctp', 'vsock', 'tipc', 'xdp', 'mptcp'] as const;
type Db = (typeof DB_ORDER)[number];
const INET_DBS: readonly Db[] = ['tcp', 'udp', 'raw', 'dccp', 'sctp', 'mptcp'];
const UNMODELLED: readonly Db[] = ['unix', 'netlink', 'packet'];

// TCP states as ss numbers them (the kernel's TCP_* order), for state filters.
const STATES = ['UNKNOWN', 'established', 'syn-sent', 'syn-recv', 'fin-wait-1', 'fin-wait-2', 'time-wait', 'closed', 'close-wait', 'last-ack', 'listening', 'closing'] as const;
const bit = (name: (typeof STATES)[number]) => 1 << STATES.indexOf(name);
const SS_ALL = (1 << STATES.length) - 1;
const SS_LISTEN = bit('listening');
const SS_CLOSE = bit('closed');
const SS_CONN = SS_ALL & ~(SS_LISTEN | SS_CLOSE | bit('time-wait') | bit('syn-recv'));

/** The /etc/services names ss prints without -n (netbase). */
const SERVICES: Readonly<Record<number, string>> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt' };

interface Request {
  dbs: Set<Db>;
  families: Set<'inet' | 'inet6' | 'other'>;
  states: number;
  numeric: boolean;
  resolve: boolean;
  processes: boolean;
  header: boolean;
  portTests: PortTest[];
}

interface PortTest {
  which: 'sport' | 'dport';
  op: 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';
  port: number;
}

export const ss: ShellCommand = {
  name: 'ss',
  run(ctx): CommandOutput {
    const out = new OutputBuilder();
    const parsed = parseRequest(ctx.args);
    if (parsed.kind === 'error') return out.err(parsed.text).done(parsed.status);
    if (parsed.kind === 'print') return out.out(parsed.text).done(0);
    const req = parsed.request;
    const loc = ctx.session?.location() ?? { kind: 'workstation' as const };
    const sockets = socketsHere(ctx.cluster, loc);
    if (!sockets) return out.err('ss: there is no network namespace here to read sockets from\n').done(1);

    const wanted = DB_ORDER.filter((db) => req.dbs.has(db));
    const unmodelled = wanted.filter((db) => UNMODELLED.includes(db));
    if (unmodelled.length === wanted.length) return out.err(`ss: ${unmodelled.join(', ')} sockets are not simulated in Flatnet; only TCP and UDP sockets are modelled\n`).done(1);
    if (unmodelled.length) out.err(`ss: ${unmodelled.join(', ')} sockets are not simulated in Flatnet; listing TCP and UDP sockets only\n`);

    const columns = ssColumns();
    columns[0].disabled = wanted.length < 2;
    columns[1].disabled = popcount(req.states) < 2;
    columns[8].disabled = !req.processes;
    const rows: string[][] = [];
    if (req.header) rows.push([...columns.map((c) => c.header)]);
    for (const db of wanted) {
      if (db !== 'tcp' && db !== 'udp') continue;
      for (const family of ['inet', 'inet6'] as const) {
        if (!req.families.has(family)) continue;
        for (const s of sockets.filter((x) => x.protocol === db && x.family === family && stateSelected(x, req.states) && portsMatch(x, req.portTests)).sort((a, b) => a.port - b.port)) {
          rows.push(cells(s, req));
        }
      }
    }
    return out.out(renderTable(columns, rows, screenWidth(ctx))).done(0);
  },
};

function cells(s: SocketRow, req: Request): string[] {
  const port = (p: number) => (req.numeric || !SERVICES[p] ? String(p) : SERVICES[p]);
  const host = (a: string) => (req.resolve && a === '127.0.0.1' ? 'localhost' : a);
  const peer = s.local === '*' ? '*' : s.family === 'inet6' ? '[::]' : '0.0.0.0';
  return [s.protocol, s.state, String(s.recvQ).padEnd(6), String(s.sendQ).padEnd(6), `${host(s.local)}:`, port(s.port), `${peer}:`, '*', s.users ? ` users:(${s.users})` : '', ''];
}

function stateSelected(s: SocketRow, states: number): boolean {
  return (states & (s.state === 'LISTEN' ? SS_LISTEN : SS_CLOSE)) !== 0;
}

function portsMatch(s: SocketRow, tests: readonly PortTest[]): boolean {
  return tests.every((t) => {
    const v = t.which === 'sport' ? s.port : 0;
    switch (t.op) {
      case 'eq': return v === t.port;
      case 'ne': return v !== t.port;
      case 'lt': return v < t.port;
      case 'gt': return v > t.port;
      case 'le': return v <= t.port;
      case 'ge': return v >= t.port;
      default: {
        const never: never = t.op;
        return never;
      }
    }
  });
}

/** ss measures the terminal when stdout is one (TIOCGWINSZ), else reads COLUMNS, else lays out compactly. */
function screenWidth(ctx: CommandContext): number | undefined {
  if (ctx.terminal && ctx.terminal.columns > 0) return ctx.terminal.columns;
  const env = Number.parseInt(ctx.env.COLUMNS ?? '', 10);
  return env > 0 ? env : undefined;
}

function popcount(n: number): number {
  let c = 0;
  for (let x = n; x; x &= x - 1) c++;
  return c;
}

type Parsed = { kind: 'request'; request: Request } | { kind: 'print'; text: string } | { kind: 'error'; text: string; status: number };

function usageError(line: string): Parsed {
  return { kind: 'error', text: `${line}\n${USAGE}`, status: 255 };
}

function parseRequest(args: readonly string[]): Parsed {
  const flags = new Set<string>();
  const values: [string, string][] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      // getopt_long takes any unambiguous prefix of a long option.
      const exact = Object.keys(LONG).find((k) => k.replace(/=$/, '') === name);
      const prefixed = Object.keys(LONG).filter((k) => k.startsWith(name));
      const key = exact ?? (prefixed.length === 1 || new Set(prefixed.map((k) => LONG[k])).size === 1 ? prefixed[0] : undefined);
      if (!key) return usageError(prefixed.length > 1 ? `ss: option '${a}' is ambiguous` : `ss: unrecognized option '${a}'`);
      if (key.endsWith('=')) {
        const value = eq < 0 ? args[++i] : a.slice(eq + 1);
        if (value === undefined) return usageError(`ss: option '--${key.slice(0, -1)}' requires an argument`);
        values.push([LONG[key], value]);
      } else {
        if (eq >= 0) return usageError(`ss: option '--${key}' doesn't allow an argument`);
        flags.add(LONG[key]);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (SHORT_VALUES.includes(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) return usageError(`ss: option requires an argument -- '${c}'`);
          values.push([c, value]);
          break;
        }
        if (!SHORT_FLAGS.includes(c)) return usageError(`ss: invalid option -- '${c}'`);
        flags.add(c);
      }
      continue;
    }
    // getopt permutes: options may follow the filter.
    operands.push(a);
  }
  if (flags.has('h')) return { kind: 'print', text: USAGE };
  if (flags.has('V')) return { kind: 'print', text: VERSION };
  if (flags.has('z') || flags.has('Z')) return { kind: 'error', text: 'ss: SELinux is not enabled.\n', status: 1 };
  for (const [flag, what] of Object.entries(NOT_SIMULATED)) {
    if (flags.has(flag) || values.some(([k]) => k === flag)) return { kind: 'error', text: `ss: ${what} is not simulated in Flatnet\n`, status: 1 };
  }

  const dbs = new Set<Db>();
  const families = new Set<'inet' | 'inet6' | 'other'>();
  const dbFlags: Record<string, Db> = { t: 'tcp', u: 'udp', w: 'raw', d: 'dccp', S: 'sctp', M: 'mptcp', '@tipc': 'tipc', '@vsock': 'vsock', '@xdp': 'xdp', x: 'unix', '0': 'packet' };
  for (const [flag, db] of Object.entries(dbFlags)) if (flags.has(flag)) dbs.add(db);
  if (flags.has('4')) families.add('inet');
  if (flags.has('6')) families.add('inet6');
  for (const [key, value] of values) {
    if (key === 'f') {
      const fam = ({ inet: ['inet'], inet6: ['inet6'], link: ['packet'], unix: ['unix'], netlink: ['netlink'], vsock: ['vsock'], tipc: ['tipc'], xdp: ['xdp'] } as Record<string, string[]>)[value];
      if (value === 'help') return { kind: 'print', text: USAGE };
      if (!fam) return usageError(`ss: "${value}" is invalid family`);
      if (fam[0] === 'inet' || fam[0] === 'inet6') families.add(fam[0]);
      else dbs.add(fam[0] as Db);
    }
    if (key === 'A') {
      for (const q of value.split(',')) {
        const set = q === 'all' ? DB_ORDER : q === 'inet' ? INET_DBS : q.startsWith('unix') ? ['unix' as const] : q.startsWith('packet') ? ['packet' as const] : q.startsWith('vsock') ? ['vsock' as const] : DB_ORDER.includes(q as Db) ? [q as Db] : undefined;
        if (!set) return usageError(`ss: "${q}" is illegal socket table id`);
        set.forEach((d) => dbs.add(d));
      }
    }
  }
  const explicitDbs = dbs.size > 0;
  if (!explicitDbs) {
    // ss's defaults: every table, or those of the families asked for.
    const fromFamilies = families.size ? INET_DBS : DB_ORDER;
    fromFamilies.forEach((d) => dbs.add(d));
  }
  if (families.size === 0) ['inet', 'inet6', 'other'].forEach((f) => families.add(f as 'inet' | 'inet6' | 'other'));

  let states = flags.has('a') ? SS_ALL : flags.has('l') ? SS_LISTEN | SS_CLOSE : 0;
  const filter = operands.join(' ').replace(/[()]/g, ' ').trim().split(/\s+/).filter(Boolean);
  let sawState = false;
  const portTests: PortTest[] = [];
  for (let i = 0; i < filter.length; i++) {
    const word = filter[i];
    if (word === 'state' || word === 'exclude' || word === 'excl') {
      const name = filter[++i];
      if (name === undefined) return { kind: 'error', text: 'Command line is not complete. Try option "help"\n', status: 255 };
      const mask = stateMask(name);
      if (mask === undefined) return { kind: 'error', text: `ss: wrong state name: ${name}\n`, status: 255 };
      if (!sawState) states = word === 'state' ? 0 : SS_ALL;
      states = word === 'state' ? states | mask : states & ~mask;
      sawState = true;
      continue;
    }
    if ((word === 'sport' || word === 'dport') && filter[i + 1]) {
      const ops: Record<string, PortTest['op']> = { '=': 'eq', '==': 'eq', eq: 'eq', '!=': 'ne', ne: 'ne', '<': 'lt', lt: 'lt', '>': 'gt', gt: 'gt', '<=': 'le', le: 'le', '>=': 'ge', ge: 'ge' };
      const op = ops[filter[i + 1]];
      const target = op ? filter[i + 2] : filter[i + 1];
      const port = target === undefined ? undefined : portNumber(target);
      if (port === undefined) return { kind: 'error', text: `ss: filter "${filter.join(' ')}": only sport/dport comparisons with :PORT are simulated in Flatnet\n`, status: 1 };
      portTests.push({ which: word, op: op ?? 'eq', port });
      i += op ? 2 : 1;
      continue;
    }
    if (word === 'and' || word === '&&' || word === 'where') continue;
    return { kind: 'error', text: `ss: filter "${filter.join(' ')}": only state filters and sport/dport comparisons are simulated in Flatnet\n`, status: 1 };
  }
  if (!sawState && states === 0) states = SS_CONN;

  return {
    kind: 'request',
    request: { dbs, families, states, numeric: flags.has('n'), resolve: flags.has('r'), processes: flags.has('p'), header: !flags.has('H'), portTests },
  };
}

function stateMask(name: string): number | undefined {
  const n = name.toLowerCase();
  if (n === 'all') return SS_ALL;
  if (n === 'connected') return SS_ALL & ~(SS_CLOSE | SS_LISTEN);
  if (n === 'synchronized') return SS_ALL & ~(SS_CLOSE | SS_LISTEN | bit('syn-sent'));
  if (n === 'bucket') return bit('syn-recv') | bit('time-wait');
  if (n === 'big') return SS_ALL & ~(bit('syn-recv') | bit('time-wait'));
  if (n === 'syn-rcv') return bit('syn-recv');
  if (n === 'close') return SS_CLOSE;
  const i = (STATES as readonly string[]).indexOf(n);
  return i > 0 ? 1 << i : undefined;
}

/** `:80`, `:http`, `80`: ss's port syntax in filters. */
function portNumber(text: string): number | undefined {
  const t = text.replace(/^:/, '');
  if (/^\d+$/.test(t)) return Number(t);
  const named = Object.entries(SERVICES).find(([, name]) => name === t);
  return named ? Number(named[0]) : undefined;
}
