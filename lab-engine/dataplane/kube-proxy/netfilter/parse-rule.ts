// Parses a rule's arguments the way iptables does: core options (-s, -d, -p, with `!`), `-m NAME`
// loading a match whose `--options` follow (possibly after core options, as kube-proxy writes
// `-m tcp -p tcp -d IP --dport 80`), and `-j TARGET` with its options. The match extensions are
// in match-extensions.ts; anything unknown is an error naming the argument, as iptables reports.

import { parseIPv4 } from '../../../kube/ipv4';
import { acceptsOption, applyMatchOption, newMatch } from './match-extensions';
import type { AddressMatch, Match, Protocol, Rule, Target } from './rule';
import { RuleParseError } from './rule-parse-error';

export { RuleParseError } from './rule-parse-error';

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp', 'icmp', 'ipencap'];
const BUILTIN_TARGETS = new Set(['ACCEPT', 'DROP', 'RETURN']);

export function parseRule(chain: string, args: readonly string[]): Rule {
  let source: AddressMatch | undefined;
  let destination: AddressMatch | undefined;
  let protocol: Rule['protocol'];
  let inIface: Rule['inIface'];
  let outIface: Rule['outIface'];
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
      case '-i':
      case '--in-interface':
        inIface = { name: next(a), negate };
        break;
      case '-o':
      case '--out-interface':
        outIface = { name: next(a), negate };
        break;
      case '-g':
      case '--goto':
        target = { kind: 'jump', chain: next(a), goto: true };
        break;
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
                  : name === 'NOTRACK'
                    ? { kind: 'NOTRACK' }
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
        const [v, m] = next(a).split('/');
        const value = Number(v);
        // `--set-mark V/M` (Felix's form) keeps its mask: only the bits in M change.
        if (a === '--set-mark' && m !== undefined) {
          target = { kind: 'MARK', op: 'set', value, mask: Number(m) };
          break;
        }
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
  return { chain, args: [...args], source, destination, protocol, ...(inIface ? { inIface } : {}), ...(outIface ? { outIface } : {}), matches, target };
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
  get inIface() {
    return this.p.inIface;
  }
  get outIface() {
    return this.p.outIface;
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
