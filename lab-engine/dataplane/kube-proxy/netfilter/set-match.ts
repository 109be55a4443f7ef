// The matches only IPVS mode's rules load, evaluated for the chain walk: `-m set` against the node's
// ipsets (ipsets.ts ipsetTest), `-m physdev --physdev-is-in` and `-m ipvs`. Kept apart from walk.ts
// so the walk's hot loop only gains one dispatch line.

import { ipsetTest, type IpSet } from '../ipsets';
import type { Match } from './rule';

type IpvsOnlyMatch = Extract<Match, { module: 'set' | 'physdev' | 'ipvs' }>;

const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = { icmp: 1, tcp: 6, udp: 17, sctp: 132 };

/** '' = holds with nothing worth saying; undefined = fails (walk.ts matchHolds' convention). */
export function ipvsModeMatch(m: IpvsOnlyMatch, p: { src: string; dst: string; protocol: string; sport?: number; dport?: number }, ipsets: ReadonlyMap<string, IpSet> | undefined): string | undefined {
  switch (m.module) {
    case 'set': {
      // The kernel refuses a rule naming a set that does not exist; a node without sets matches nothing.
      const set = ipsets?.get(m.setName);
      const member = set ? ipsetTest(set, m.flags, p) : false;
      if (member === m.negate) return undefined;
      return `${m.negate ? 'not in' : 'in'} ipset ${m.setName} (${m.flags.join(',')})`;
    }
    case 'physdev':
      // No packet in the model is bridged with br_netfilter on: it never "is in" through a bridge port.
      return m.isIn && !m.isIn.negate ? undefined : '';
    case 'ipvs': {
      if (m.vaddr !== undefined && p.dst !== m.vaddr) return undefined;
      if (m.vproto !== undefined && PROTOCOL_NUMBERS[p.protocol] !== m.vproto) return undefined;
      if (m.vport !== undefined && p.dport !== m.vport) return undefined;
      return `IPVS virtual service ${m.vaddr ?? '*'}:${m.vport ?? '*'}`;
    }
    default: {
      const never: never = m;
      throw new Error(`unknown match ${JSON.stringify(never)}`);
    }
  }
}
