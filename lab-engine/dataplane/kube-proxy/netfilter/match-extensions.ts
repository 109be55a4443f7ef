// The match extensions a rule loads with `-m NAME` (libxt_NAME in iptables): which names exist,
// which `--options` each accepts, and how each option's value is read into the match. Only the
// extensions kube-proxy and kubelet use are known; anything else is iptables' own error.

import { statisticFixedPoint } from '../probability';
import type { Match, PortMatch } from './rule';
import { RuleParseError } from './rule-parse-error';

export function newMatch(name: string): Match {
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
    case 'multiport':
      return { module: 'multiport', negate: false };
    default:
      throw new RuleParseError(`Couldn't load match \`${name}':No such file or directory`);
  }
}

const MATCH_OPTIONS: Readonly<Record<Match['module'], readonly string[]>> = {
  comment: ['--comment'],
  tcp: ['--dport', '--sport', '--destination-port', '--source-port'],
  udp: ['--dport', '--sport', '--destination-port', '--source-port'],
  sctp: ['--dport', '--sport', '--destination-port', '--source-port'],
  addrtype: ['--src-type', '--dst-type', '--limit-iface-out', '--limit-iface-in'],
  statistic: ['--mode', '--probability'],
  mark: ['--mark'],
  conntrack: ['--ctstate'],
  recent: ['--name', '--set', '--rcheck', '--seconds', '--reap', '--rsource', '--mask'],
  nfacct: ['--nfacct-name'],
  set: ['--match-set'],
  physdev: ['--physdev-is-in'],
  ipvs: ['--vaddr', '--vproto', '--vport'],
  multiport: ['--dports', '--sports', '--destination-ports', '--source-ports', '--ports'],
};

/** IANA numbers xtables_parse_protocol gives the names kube-proxy writes. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };

/** libxt_set's direction flags: one `src`/`dst` per set dimension, at most six. */
function parseSetFlags(text: string): ('src' | 'dst')[] {
  const flags = text.split(',');
  if (flags.length > 6 || flags.some((f) => f !== 'src' && f !== 'dst')) throw new RuleParseError(`You must specify (the comma separated list of) 'src' or 'dst'.`);
  return flags as ('src' | 'dst')[];
}

export function acceptsOption(m: Match, opt: string): boolean {
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
export function applyMatchOption(m: Match, opt: string, negate: boolean, next: (opt: string) => string): void {
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
      // --limit-iface-out narrows LOCAL to the output device's own addresses; the walk reads it as any local address.
      if (opt === '--limit-iface-out' || opt === '--limit-iface-in') w.limitIface = opt === '--limit-iface-out' ? 'out' : 'in';
      else if (opt === '--src-type') w.srcType = { type: next(opt), negate };
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
    case 'multiport': {
      const ports = next(opt).split(',').map((p) => parsePort(p, false));
      if (ports.length > 15) throw new RuleParseError('too many ports specified');
      if (opt === '--sports' || opt === '--source-ports') w.sports = ports;
      else w.dports = ports;
      w.negate = negate;
      return;
    }
    default: {
      const never: never = m;
      throw new RuleParseError(`unknown match ${JSON.stringify(never)}`);
    }
  }
}
