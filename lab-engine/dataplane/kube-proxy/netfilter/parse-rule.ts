// Parses a rule's arguments the way iptables does: core options (-s, -d, -p, with `!`), `-m NAME`
// loading a match whose `--options` follow (possibly after core options, as kube-proxy writes
// `-m tcp -p tcp -d IP --dport 80`), and `-j TARGET` with its options. Only the extensions kube-proxy
// and kubelet use are known; anything else is an error naming the argument, as iptables reports.

import { parseIPv4 } from '../../../kube/ipv4';
import { statisticFixedPoint } from '../probability';
import type { AddressMatch, Match, PortMatch, Protocol, Rule, Target } from './rule';

export class RuleParseError extends Error {}

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp', 'icmp'];
const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN']);

export function parseRule(chain: string, args: readonly string[]): Rule {
  let source: AddressMatch | undefined;
  let destination: AddressMatch | undefined;
  let protocol: Rule['protocol'];
  const matches: Match[] = [];
  let target: Target = { kind: 'none' };
  let negate = false;
  let i = 0;
  const next = (opt: string): string => {
    const v = args[++i];
    if (v === undefined) throw new RuleParseError(`option "${opt}" requires an argument`);
    return v;
  };
  /** The most recently loaded match that accepts `opt`. */
  const owner = (opt: string): Match => {
    for (let k = matches.length - 1; k >= 0; k--) if (acceptsOption(matches[k], opt)) return matches[k];
    throw new RuleParseError(`unknown option "${opt}"`);
  };
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '!') {
      negate = true;
      continue;
    }
    switch (a) {
      case '-s':
      case '--source':
        source = parseAddress(next(a), negate);
        break;
      case '-d':
      case '--destination':
        destination = parseAddress(next(a), negate);
        break;
      case '-p':
      case '--protocol': {
        const p = next(a).toLowerCase();
        if (!PROTOCOLS.includes(p)) throw new RuleParseError(`unknown protocol "${p}" specified`);
        protocol = { name: p as Protocol, negate };
        break;
      }
      case '-m':
      case '--match':
        matches.push(newMatch(next(a)));
        break;
      case '-j':
      case '--jump': {
        const name = next(a);
        target = BUILTIN_TARGETS.has(name)
          ? { kind: name as 'ACCEPT' | 'DROP' | 'RETURN' }
          : name === 'REJECT'
            ? { kind: 'REJECT', rejectWith: 'icmp-port-unreachable' }
            : name === 'DNAT'
              ? { kind: 'DNAT', toDestination: '' }
              : name === 'MASQUERADE'
                ? { kind: 'MASQUERADE', randomFully: false }
                : name === 'MARK'
                  ? { kind: 'MARK', op: 'set', value: 0, mask: 0xffffffff }
                  : { kind: 'jump', chain: name };
        break;
      }
      case '--to-destination':
        if (target.kind !== 'DNAT') throw new RuleParseError(`unknown option "${a}"`);
        target = { kind: 'DNAT', toDestination: next(a) };
        break;
      case '--random-fully':
        if (target.kind !== 'MASQUERADE') throw new RuleParseError(`unknown option "${a}"`);
        target = { kind: 'MASQUERADE', randomFully: true };
        break;
      case '--reject-with':
        if (target.kind !== 'REJECT') throw new RuleParseError(`unknown option "${a}"`);
        target = { kind: 'REJECT', rejectWith: next(a) };
        break;
      case '--or-mark':
      case '--xor-mark':
      case '--set-mark': {
        if (target.kind !== 'MARK') throw new RuleParseError(`unknown option "${a}"`);
        const value = Number(next(a));
        target = a === '--or-mark' ? { kind: 'MARK', op: 'or', value, mask: value } : a === '--xor-mark' ? { kind: 'MARK', op: 'xor', value, mask: 0 } : { kind: 'MARK', op: 'set', value, mask: 0xffffffff };
        break;
      }
      default: {
        if (!a.startsWith('--')) throw new RuleParseError(`Bad argument \`${a}'`);
        const m = owner(a);
        applyMatchOption(m, a, negate, next);
      }
    }
    negate = false;
  }
  return { chain, args: [...args], source, destination, protocol, matches, target };
}

/**
 * A rule whose meaning is parsed on first use. kube-proxy writes ~17 rules per Service and a sync
 * at 10,000 Services must stay under a second; a packet only ever meets a few hundred of them and
 * a learner lists a few chains, so the kernel-side parse is paid when something reads the rule.
 * Only for rules this program wrote (they are valid); a learner's input goes through parseRule.
 */
class LazyRule implements Rule {
  private parsed: Rule | undefined;
  constructor(
    readonly chain: string,
    readonly args: readonly string[],
  ) {}
  private get p(): Rule {
    return (this.parsed ??= parseRule(this.chain, this.args));
  }
  get source() {
    return this.p.source;
  }
  get destination() {
    return this.p.destination;
  }
  get protocol() {
    return this.p.protocol;
  }
  get matches() {
    return this.p.matches;
  }
  get target() {
    return this.p.target;
  }
}

export function lazyRule(chain: string, args: readonly string[]): Rule {
  return new LazyRule(chain, args);
}

function parseAddress(text: string, negate: boolean): AddressMatch {
  const [ip, bits] = text.split('/');
  const n = parseIPv4(ip);
  const prefix = bits === undefined ? 32 : Number(bits);
  if (n === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new RuleParseError(`host/network \`${text}' not found`);
  const size = 2 ** (32 - prefix);
  return { network: n - (n % size), prefix, negate };
}

function newMatch(name: string): Match {
  switch (name) {
    case 'comment':
      return { module: 'comment', comment: '' };
    case 'tcp':
    case 'udp':
    case 'sctp':
      return { module: name };
    case 'addrtype':
      return { module: 'addrtype' };
    case 'statistic':
      return { module: 'statistic', mode: 'random', fixedPoint: 0, written: '' };
    case 'mark':
      return { module: 'mark', mark: 0, mask: 0xffffffff, negate: false };
    case 'conntrack':
      return { module: 'conntrack', ctstate: [], negate: false };
    case 'recent':
      return { module: 'recent', command: 'set', name: 'DEFAULT', reap: false };
    case 'nfacct':
      return { module: 'nfacct', name: '' };
    case 'set':
      return { module: 'set', setName: '', flags: [], negate: false };
    case 'physdev':
      return { module: 'physdev' };
    case 'ipvs':
      return { module: 'ipvs' };
    default:
      throw new RuleParseError(`Couldn't load match \`${name}':No such file or directory`);
  }
}

const MATCH_OPTIONS: Readonly<Record<Match['module'], readonly string[]>> = {
  comment: ['--comment'],
  tcp: ['--dport', '--sport', '--destination-port', '--source-port'],
  udp: ['--dport', '--sport', '--destination-port', '--source-port'],
  sctp: ['--dport', '--sport', '--destination-port', '--source-port'],
  addrtype: ['--src-type', '--dst-type'],
  statistic: ['--mode', '--probability'],
  mark: ['--mark'],
  conntrack: ['--ctstate'],
  recent: ['--name', '--set', '--rcheck', '--seconds', '--reap', '--rsource', '--mask'],
  nfacct: ['--nfacct-name'],
  set: ['--match-set'],
  physdev: ['--physdev-is-in'],
  ipvs: ['--vaddr', '--vproto', '--vport'],
};

/** IANA numbers xtables_parse_protocol gives the names kube-proxy writes. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };

/** libxt_set's direction flags: one `src`/`dst` per set dimension, at most six. */
function parseSetFlags(text: string): ('src' | 'dst')[] {
  const flags = text.split(',');
  if (flags.length > 6 || flags.some((f) => f !== 'src' && f !== 'dst')) throw new RuleParseError(`You must specify (the comma separated list of) 'src' or 'dst'.`);
  return flags as ('src' | 'dst')[];
}

function acceptsOption(m: Match, opt: string): boolean {
  return MATCH_OPTIONS[m.module].includes(opt);
}

function parsePort(text: string, negate: boolean): PortMatch {
  const [a, b] = text.split(':');
  const from = Number(a);
  const to = b === undefined ? from : Number(b);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 65535) throw new RuleParseError(`invalid port/service \`${text}' specified`);
  return { from, to, negate };
}

/** Mutates the freshly parsed match in place (it is not shared until the rule is returned). */
function applyMatchOption(m: Match, opt: string, negate: boolean, next: (opt: string) => string): void {
  const w = m as { -readonly [K in keyof Match]: unknown } & Record<string, unknown>;
  switch (m.module) {
    case 'comment':
      w.comment = next(opt);
      return;
    case 'tcp':
    case 'udp':
    case 'sctp':
      if (opt === '--dport' || opt === '--destination-port') w.dport = parsePort(next(opt), negate);
      else w.sport = parsePort(next(opt), negate);
      return;
    case 'addrtype':
      if (opt === '--src-type') w.srcType = { type: next(opt), negate };
      else w.dstType = { type: next(opt), negate };
      return;
    case 'statistic':
      if (opt === '--mode') {
        const mode = next(opt);
        if (mode !== 'random') throw new RuleParseError(`Bad mode "${mode}"`);
      } else {
        const written = next(opt);
        const p = Number(written);
        if (!(p >= 0 && p <= 1)) throw new RuleParseError(`--probability must be between 0 and 1`);
        w.written = written;
        w.fixedPoint = statisticFixedPoint(p);
      }
      return;
    case 'mark': {
      const [v, mask] = next(opt).split('/');
      w.mark = Number(v);
      w.mask = mask === undefined ? 0xffffffff : Number(mask);
      w.negate = negate;
      return;
    }
    case 'conntrack':
      w.ctstate = next(opt).split(',');
      w.negate = negate;
      return;
    case 'recent':
      switch (opt) {
        case '--name':
          w.name = next(opt);
          return;
        case '--set':
          w.command = 'set';
          return;
        case '--rcheck':
          w.command = 'rcheck';
          return;
        case '--seconds':
          w.seconds = Number(next(opt));
          return;
        case '--reap':
          w.reap = true;
          return;
        case '--mask':
          next(opt);
          return;
        default:
          return; // --rsource is the default side
      }
    case 'nfacct':
      w.name = next(opt);
      return;
    case 'set':
      w.setName = next(opt);
      w.flags = parseSetFlags(next(opt));
      w.negate = negate;
      return;
    case 'physdev':
      w.isIn = { negate };
      return;
    case 'ipvs': {
      const v = next(opt);
      if (opt === '--vaddr') w.vaddr = v.replace(/\/32$/, '');
      else if (opt === '--vproto') {
        const n = PROTOCOL_NUMBERS[v.toLowerCase()] ?? Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 255) throw new RuleParseError(`unknown protocol "${v}" specified`);
        w.vproto = n;
      } else w.vport = parsePort(v, false).from;
      return;
    }
    default: {
      const never: never = m;
      throw new RuleParseError(`unknown match ${JSON.stringify(never)}`);
    }
  }
}
