// `ip` (iproute2 6.1 as Ubuntu 24.04 ships it; and BusyBox's applet in busybox/alpine images):
// address, link, route (show; get with the learned path MTU and flush cache: ip-route-cache.ts),
// neigh and netns, read from the dataplane model of the netns the shell stands in. Objects and
// subcommands match by prefix as iproute2 does (`ip a`, `ip r g`). Changes are refused in a pod
// for lack of CAP_NET_ADMIN, as the kernel would. On a node, `ip link add|del|set`, `ip addr
// add|del`, `ip route add|del|replace` change the node's model (ip-change.ts) and `ip netns`
// makes, lists and enters namespaces (ip-netns.ts); `-n NAME` runs one `ip` in a named netns.
// The CNI's own devices, route flushes other than the cache's and neighbour changes stay refused.

import type { CommandContext, CommandOutput, ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import type { Netns, Route } from '../../../dataplane/netns/types';
import { parseCidr, mustParseIPv4 } from '../../../kube/ipv4';
import { formatAddr, formatAddrBrief, formatLink, formatLinkBrief, formatNeighbour, type AddrFilter, type IpStyle } from './ip-format';
import { formatRoute } from '../../../dataplane/netns/format-route';
import { addrChange, linkChange, routeChange, type Change } from './ip-change';
import { netnsCommand } from './ip-netns';
import { ipRule } from './ip-rule';
import { flushCache, isCacheFlush, routeGet } from './ip-route-cache';

export const IPROUTE2_VERSION = 'ip utility, iproute2-6.1.0, libbpf 1.3.0';

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |
                   macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

const OBJECTS = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbour', 'neighbor', 'ntable', 'link', 'l2tp', 'fou', 'ila', 'macsec', 'tunnel', 'tuntap', 'token', 'tcpmetrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf', 'sr', 'nexthop', 'mptcp', 'ioam', 'help'];
const MODELLED = new Set(['address', 'route', 'neighbour', 'neighbor', 'link', 'netns', 'rule', 'help']);
/**
 * Each object's subcommands in iproute2's matching order: a prefix takes the first keyword it
 * matches (`ip a s` is show, `ip l s` is set, `ip r s` is show), changes are refused.
 */
const SUBCOMMANDS: Record<string, readonly [keyword: string, kind: 'change' | 'show' | 'get'][]> = {
  address: [['add', 'change'], ['change', 'change'], ['chg', 'change'], ['replace', 'change'], ['delete', 'change'], ['list', 'show'], ['show', 'show'], ['lst', 'show'], ['flush', 'change'], ['save', 'change'], ['showdump', 'show'], ['restore', 'change']],
  route: [['add', 'change'], ['change', 'change'], ['chg', 'change'], ['replace', 'change'], ['prepend', 'change'], ['append', 'change'], ['test', 'change'], ['delete', 'change'], ['list', 'show'], ['show', 'show'], ['lst', 'show'], ['get', 'get'], ['flush', 'change'], ['restore', 'change'], ['save', 'change']],
  link: [['add', 'change'], ['delete', 'change'], ['set', 'change'], ['change', 'change'], ['replace', 'change'], ['show', 'show'], ['lst', 'show'], ['list', 'show']],
  neighbour: [['add', 'change'], ['change', 'change'], ['chg', 'change'], ['replace', 'change'], ['delete', 'change'], ['list', 'show'], ['show', 'show'], ['lst', 'show'], ['flush', 'change']],
  netns: [['list', 'show'], ['show', 'show'], ['add', 'change'], ['delete', 'change'], ['set', 'change'], ['exec', 'change']],
  rule: [['list', 'show'], ['show', 'show'], ['add', 'change'], ['delete', 'change'], ['flush', 'change'], ['save', 'change'], ['restore', 'change']],
};

interface Options {
  /** `-n NAME`: the named netns to run in (ip.c: netns_switch before the command). */
  netns?: string;
  family?: 'inet' | 'inet6';
  brief: boolean;
  details: boolean;
  oneline: boolean;
  /** `-s`: statistics (`ip -s route flush cache` reports the flush). */
  stats: boolean;
}

/** iproute2's `matches()`: the typed word is a non-empty prefix of the keyword. */
function matches(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

export function makeIp(style: IpStyle): ShellCommand {
  return { name: 'ip', run: (ctx) => runIp(ctx, style) };
}

export const ip = makeIp('iproute2');
export const busyboxIp = makeIp('busybox');

function runIp(ctx: CommandContext, style: IpStyle): CommandOutput | Promise<CommandOutput> {
  const args = [...ctx.args];
  const opts: Options = { brief: false, details: false, oneline: false, stats: false };
  while (args.length && args[0].startsWith('-') && args[0] !== '-') {
    const raw = args.shift()!;
    const opt = raw.startsWith('--') ? raw.slice(1) : raw;
    if (opt === '-4') opts.family = 'inet';
    else if (opt === '-6') opts.family = 'inet6';
    else if (opt === '-br' || opt === '-brief') opts.brief = true;
    else if (matches(opt, '-details') && opt.length >= 2) opts.details = true;
    else if (matches(opt, '-statistics') || matches(opt, '-stats')) opts.stats = true;
    else if (matches(opt, '-color') || opt.startsWith('-color=') || opt.startsWith('-c=')) continue;
    else if (matches(opt, '-oneline')) opts.oneline = true;
    else if (matches(opt, '-Version')) return ok(`${IPROUTE2_VERSION}\n`);
    else if (matches(opt, '-help')) return { stdout: '', stderr: USAGE, exitCode: 255 };
    else if (matches(opt, '-netns') && style === 'iproute2') {
      const name = args.shift();
      if (name === undefined) return fail('Option "-n" requires an argument\n', 255);
      opts.netns = name;
    } else if (matches(opt, '-family')) {
      const fam = args.shift();
      if (fam === 'inet') opts.family = 'inet';
      else if (fam === 'inet6') opts.family = 'inet6';
      else if (fam !== 'link') return fail(`Error: argument "${fam ?? ''}" is wrong: invalid protocol family\n`, 255);
    } else return fail(`Option "${raw}" is unknown, try "ip -help".\n`, 255);
  }
  if (!args.length) return { stdout: '', stderr: USAGE, exitCode: 255 };
  const objWord = args.shift()!;
  const object = OBJECTS.find((o) => matches(objWord, o));
  if (!object) return fail(`Object "${objWord}" is unknown, try "ip help".\n`, 1);
  if (object === 'help') return { stdout: '', stderr: USAGE, exitCode: 255 };
  if (!MODELLED.has(object)) return fail(`ip ${object}: not modelled in this simulated cluster (try ip address, link, route, neigh)\n`, 2);
  const here = ctx.session?.netns();
  if (!here) return fail('Cannot open netlink socket: Operation not permitted\n', 1);
  const ns = opts.netns === undefined ? here : here.kind === 'pod' ? undefined : ctx.session?.dataplane().named?.[`${here.node}/${opts.netns}`];
  if (!ns) return fail(`Cannot open network namespace "${opts.netns ?? ''}": No such file or directory\n`, 255);
  const table = SUBCOMMANDS[object === 'neighbor' ? 'neighbour' : object] ?? [];
  const sub = args[0];
  if (sub !== undefined && sub !== 'help') {
    const found = table.find(([keyword]) => matches(sub, keyword));
    const bareDevice = (object === 'address' || object === 'link') && sub === 'dev';
    const bareFilter = object === 'route' && (['table', 'dev', 'oif', 'proto', 'type', 'root', 'match', 'exact', 'default'].includes(sub) || validPrefix(sub));
    if (!found && !bareDevice && !bareFilter && !(object === 'neighbour' || object === 'neighbor') ) {
      const name = object === 'neighbor' ? 'neighbour' : object;
      return fail(`Command "${sub}" is unknown, try "ip ${name} help".\n`, 255);
    }
    if (object === 'route' && found?.[0] === 'flush' && isCacheFlush(args.slice(1))) return flushCache(ctx, ns, opts.stats);
    if (found?.[1] === 'change' && object !== 'netns') return change(ctx, ns, object, sub, args.slice(1), opts);
    if (found?.[1] === 'get') return routeGet(ctx, ns, args.slice(1), style);
  }
  switch (object) {
    case 'address':
      return showLinks(ns, args, opts, style, 'address');
    case 'link':
      return showLinks(ns, args, opts, style, 'link');
    case 'route':
      return route(ns, args, opts);
    case 'neighbour':
    case 'neighbor':
      return neigh(ns, args, ctx);
    case 'netns':
      return netnsCommand(ctx, ns, args);
    case 'rule':
      return ipRule(ns, opts.family);
    default:
      return fail(`Object "${objWord}" is unknown, try "ip help".\n`, 1);
  }
}

/** A change on a node: to its root netns, or to the named netns the shell (or `-n`) is in. */
function change(ctx: CommandContext, ns: Netns, object: string, sub: string, args: string[], opts: Options): CommandOutput {
  if (ns.kind === 'pod' || !ctx.session?.changeNetwork) return fail('RTNETLINK answers: Operation not permitted\n', 2);
  const where = ns.kind === 'named' ? (ns.name ?? '') : '';
  const apply: Change = (op) => ctx.session!.changeNetwork!(op);
  void opts;
  switch (object) {
    case 'link':
      return linkChange(sub, args, where, apply);
    case 'address':
      return addrChange(sub, args, where, apply);
    case 'route':
      return routeChange(sub, args, where, apply);
    default:
      return fail(`ip ${object} ${sub}: changing neighbours by hand is not modelled in this simulated cluster\n`, 2);
  }
}

function showLinks(ns: Netns, args: string[], opts: Options, style: IpStyle, what: 'address' | 'link'): CommandOutput {
  const objName = what === 'address' ? 'ip address' : 'ip link';
  let rest = args;
  if (rest.length && (matches(rest[0], 'show') || matches(rest[0], 'list') || rest[0] === 'lst')) rest = rest.slice(1);
  else if (rest.length && rest[0] === 'help') return { stdout: '', stderr: `Usage: ${objName} show [ dev IFNAME ] [ type TYPE ] [ master DEVICE ] [ up ]\n`, exitCode: 255 };
  const filter: AddrFilter = { family: what === 'address' ? opts.family : undefined };
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    const next = () => rest[++i];
    if (w === 'dev') filter.dev = next();
    else if (w === 'type') filter.type = next();
    else if (w === 'master') filter.master = next();
    else if (w === 'up') filter.up = true;
    else if (i === 0 && !['scope', 'label', 'to'].includes(w) && /^[a-z]/.test(w) && !['show', 'list'].includes(w) && (what === 'link' || !ns.links.some(() => false))) {
      if (ns.links.some((l) => l.name === w) || filter.dev === undefined) filter.dev = w;
    } else if (filter.dev === undefined && !w.startsWith('-') && !['scope', 'label', 'to'].includes(w)) filter.dev = w;
    else return fail(`Command "${w}" is unknown, try "${objName} help".\n`, 255);
  }
  if (filter.dev !== undefined && !ns.links.some((l) => l.name === filter.dev)) return fail(`Device "${filter.dev}" does not exist.\n`, 1);
  if (filter.master !== undefined && !ns.links.some((l) => l.name === filter.master)) return fail(`Device "${filter.master}" does not exist.\n`, 1);
  let out: string;
  if (opts.brief) out = what === 'address' ? formatAddrBrief(ns, filter) : formatLinkBrief(ns, filter);
  else out = what === 'address' ? formatAddr(ns, filter, style) : formatLink(ns, filter, style, opts.details);
  return ok(opts.oneline && !opts.brief ? oneline(out) : out);
}

/** `-o`: each record on one line, continuation lines joined with a backslash. */
function oneline(text: string): string {
  return text.replace(/\n(?=[ ]{4})/g, '\\');
}

function route(ns: Netns, args: string[], opts: Options): CommandOutput {
  let rest = args;
  const sub = rest[0];
  if (sub === 'help') return { stdout: '', stderr: 'Usage: ip route { list | flush } SELECTOR\n       ip route get ADDRESS [ from ADDRESS iif STRING ]\n', exitCode: 255 };
  if (sub !== undefined && (matches(sub, 'show') || matches(sub, 'list') || sub === 'lst')) rest = rest.slice(1);
  if (opts.family === 'inet6') return ok('');
  let table: Route['table'] | 'all' = 'main';
  let dev: string | undefined;
  let proto: string | undefined;
  let prefix: string | undefined;
  let type: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'table') {
      const t = rest[++i];
      if (t === 'main' || t === '254') table = 'main';
      else if (t === 'local' || t === '255') table = 'local';
      else if (t === 'all' || t === '0') table = 'all';
      else if (t !== undefined && /^\d+$/.test(t)) table = `${Number(t)}`;
      else return fail(`Error: argument "${t ?? ''}" is wrong: "table" value is invalid\n\n`, 255);
    } else if (w === 'dev' || w === 'oif') {
      dev = rest[++i];
      if (!ns.links.some((l) => l.name === dev)) return fail(`Cannot find device "${dev ?? ''}"\n`, 1);
    } else if (w === 'proto') proto = rest[++i];
    else if (w === 'type' || ['unicast', 'local', 'broadcast', 'blackhole'].includes(w)) type = w === 'type' ? rest[++i] : w;
    else if (w === 'root' || w === 'match' || w === 'exact') continue;
    else if (prefix === undefined && (w === 'default' || validPrefix(w))) prefix = w === 'default' ? 'default' : normalisePrefix(w);
    else return fail(`Error: any valid prefix is expected rather than "${w}".\n`, 1);
  }
  const lines = ns.routes
    .filter((r) => table === 'all' || r.table === table)
    .filter((r) => !dev || r.dev === dev)
    .filter((r) => !proto || r.proto === proto)
    .filter((r) => !type || r.type === type)
    .filter((r) => !prefix || r.dst === prefix)
    .map((r) => formatRoute(r, table === 'all'));
  return ok(lines.join(''));
}

function validPrefix(w: string): boolean {
  const [ip, bits] = w.split('/');
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return false;
  try {
    mustParseIPv4(ip);
  } catch {
    return false;
  }
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= 32);
}

function normalisePrefix(w: string): string {
  const withBits = w.includes('/') ? w : `${w}/32`;
  const { prefix } = parseCidr(withBits);
  const ip = withBits.split('/')[0];
  return `${ip}/${prefix}`;
}

function neigh(ns: Netns, args: string[], ctx: CommandContext): CommandOutput {
  let rest = args;
  if (rest.length && (matches(rest[0], 'show') || matches(rest[0], 'list'))) rest = rest.slice(1);
  let dev: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === 'dev') {
      dev = rest[++i];
      if (!ns.links.some((l) => l.name === dev)) return fail(`Cannot find device "${dev ?? ''}"\n`, 1);
    } else if (rest[i] === 'nud' || rest[i] === 'to') i++;
    else return fail(`Command "${rest[i]}" is unknown, try "ip neigh help".\n`, 255);
  }
  // What the CNI set up, plus what the learner's own traffic taught this netns (ARP for an on-link peer).
  const table = ctx.session?.network().neighbours?.table(ns, ctx.cluster.now()) ?? ns.neighbours;
  return ok(table.filter((n) => !dev || n.dev === dev).map(formatNeighbour).join(''));
}
