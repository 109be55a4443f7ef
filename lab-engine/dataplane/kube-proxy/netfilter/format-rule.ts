// How iptables prints a stored rule, in its two text forms:
//  - save form (`iptables-save`, `iptables -S`): core options first in a fixed order (-s, -d, -p),
//    then each match with its options in the module's own order, then -j and the target's options;
//    addresses carry their mask (/32), comments are quoted unless they are plain words
//    (xtables_save_string), and values are what the kernel stored (the statistic probability as
//    31-bit fixed point re-rendered with 11 decimals, MARK --or-mark as --set-xmark V/V);
//  - list form (`iptables -L`): one extra text per match (`/* comment */`, `tcp dpt:80`,
//    `statistic mode random probability 0.33333333349`, ...) and per target (`to:IP:port`).

import { formatIPv4 } from '../../../kube/ipv4';
import { formatKernelProbability } from '../probability';
import type { AddressMatch, Match, PortMatch, Rule, Target } from './rule';

const NO_QUOTE = /^[A-Za-z0-9_-]+$/;

/** xtables_save_string: bare when every character is safe, else double-quoted with \ and " escaped. */
export function saveString(value: string): string {
  return NO_QUOTE.test(value) ? value : `"${value.replace(/[\\"']/g, (c) => `\\${c}`)}"`;
}

function saveAddress(a: AddressMatch): string {
  return `${formatIPv4(a.network)}/${a.prefix}`;
}

function savePort(p: PortMatch): string {
  return p.from === p.to ? String(p.from) : `${p.from}:${p.to}`;
}

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

/** The kernel keeps ctstate as a bit mask and prints it in bit order. */
const CTSTATE_ORDER = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
function ctstates(states: readonly string[]): string {
  return [...states].sort((a, b) => CTSTATE_ORDER.indexOf(a) - CTSTATE_ORDER.indexOf(b)).join(',');
}

function saveMatch(m: Match): string {
  switch (m.module) {
    case 'comment':
      return ` -m comment --comment ${saveString(m.comment)}`;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      let s = ` -m ${m.module}`;
      if (m.sport) s += `${m.sport.negate ? ' !' : ''} --sport ${savePort(m.sport)}`;
      if (m.dport) s += `${m.dport.negate ? ' !' : ''} --dport ${savePort(m.dport)}`;
      return s;
    }
    case 'addrtype': {
      let s = ' -m addrtype';
      if (m.srcType) s += `${m.srcType.negate ? ' !' : ''} --src-type ${m.srcType.type}`;
      if (m.dstType) s += `${m.dstType.negate ? ' !' : ''} --dst-type ${m.dstType.type}`;
      if (m.limitIface) s += ` --limit-iface-${m.limitIface}`;
      return s;
    }
    case 'statistic':
      return ` -m statistic --mode random --probability ${formatKernelProbability(m.fixedPoint)}`;
    case 'mark':
      return ` -m mark${m.negate ? ' !' : ''} --mark ${m.mask === 0xffffffff ? hex(m.mark) : `${hex(m.mark)}/${hex(m.mask)}`}`;
    case 'conntrack':
      return ` -m conntrack${m.negate ? ' !' : ''} --ctstate ${ctstates(m.ctstate)}`;
    case 'recent':
      return m.command === 'set'
        ? ` -m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`
        : ` -m recent --rcheck${m.seconds !== undefined ? ` --seconds ${m.seconds}` : ''}${m.reap ? ' --reap' : ''} --name ${m.name} --mask 255.255.255.255 --rsource`;
    case 'nfacct':
      return ` -m nfacct --nfacct-name ${m.name}`;
    case 'set':
      // libxt_set set_save_v4: ` [!] --match-set NAME FLAGS`.
      return ` -m set${m.negate ? ' !' : ''} --match-set ${m.setName} ${m.flags.join(',')}`;
    case 'physdev':
      return ` -m physdev${m.isIn ? `${m.isIn.negate ? ' !' : ''} --physdev-is-in` : ''}`;
    case 'ipvs':
      return ` -m ipvs${ipvsOptions(m, '--')}`;
    case 'multiport': {
      // libxt_multiport save v1: `[!] --dports P[,P|A:B]...`.
      const ports = m.dports ?? m.sports ?? [];
      return ` -m multiport${m.negate ? ' !' : ''} --${m.dports ? 'dports' : 'sports'} ${ports.map(savePort).join(',')}`;
    }
    default: {
      const never: never = m;
      throw new Error(`unknown match ${JSON.stringify(never)}`);
    }
  }
}

/** libxt_ipvs ipvs_mt_dump: a /32 vaddr prints bare, the protocol as its number. */
function ipvsOptions(m: Extract<Match, { module: 'ipvs' }>, prefix: '' | '--'): string {
  let s = '';
  if (m.vaddr !== undefined) s += ` ${prefix}vaddr ${m.vaddr}`;
  if (m.vproto !== undefined) s += ` ${prefix}vproto ${m.vproto}`;
  if (m.vport !== undefined) s += ` ${prefix}vport ${m.vport}`;
  return s;
}

export function targetName(t: Target): string {
  switch (t.kind) {
    case 'none':
      return '';
    case 'jump':
      return t.chain;
    default:
      return t.kind;
  }
}

function saveTarget(t: Target): string {
  switch (t.kind) {
    case 'none':
      return '';
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
    case 'NOTRACK':
      return ` -j ${t.kind}`;
    case 'jump':
      return ` ${t.goto ? '-g' : '-j'} ${t.chain}`;
    case 'REJECT':
      return ` -j REJECT --reject-with ${t.rejectWith}`;
    case 'DNAT':
      return ` -j DNAT --to-destination ${t.toDestination}`;
    case 'MASQUERADE':
      return ` -j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'MARK':
      // MARK v2 stores (value, mask) and saves everything as --set-xmark.
      return ` -j MARK --set-xmark ${hex(t.value)}/${hex(t.op === 'or' ? t.value : t.op === 'xor' ? 0 : t.mask)}`;
    default: {
      const never: never = t;
      throw new Error(`unknown target ${JSON.stringify(never)}`);
    }
  }
}

/** `-A CHAIN ...` exactly as iptables-save and iptables -S print it. */
export function formatRuleSave(rule: Rule): string {
  let s = `-A ${rule.chain}`;
  if (rule.source) s += `${rule.source.negate ? ' !' : ''} -s ${saveAddress(rule.source)}`;
  if (rule.destination) s += `${rule.destination.negate ? ' !' : ''} -d ${saveAddress(rule.destination)}`;
  if (rule.inIface) s += `${rule.inIface.negate ? ' !' : ''} -i ${rule.inIface.name}`;
  if (rule.outIface) s += `${rule.outIface.negate ? ' !' : ''} -o ${rule.outIface.name}`;
  if (rule.protocol) s += `${rule.protocol.negate ? ' !' : ''} -p ${rule.protocol.name}`;
  for (const m of rule.matches) s += saveMatch(m);
  return s + saveTarget(rule.target);
}

/** A few /etc/services names iptables -L shows for ports without -n. */
const SERVICE_NAMES: Readonly<Record<string, string>> = {
  'tcp/22': 'ssh', 'tcp/53': 'domain', 'udp/53': 'domain', 'tcp/80': 'http', 'tcp/443': 'https',
  'tcp/8080': 'http-alt', 'tcp/2379': '2379', 'tcp/6443': '6443',
};

function listPort(proto: string, p: PortMatch, numeric: boolean): string {
  const name = (n: number) => (numeric ? String(n) : (SERVICE_NAMES[`${proto}/${n}`] ?? String(n)));
  return p.from === p.to ? name(p.from) : `${name(p.from)}:${name(p.to)}`;
}

function listMatch(m: Match, numeric: boolean): string {
  switch (m.module) {
    case 'comment':
      return ` /* ${m.comment} */`;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      let s = ` ${m.module}`;
      if (m.sport) s += ` spt${m.sport.from === m.sport.to ? '' : 's'}:${m.sport.negate ? '!' : ''}${listPort(m.module, m.sport, numeric)}`;
      if (m.dport) s += ` dpt${m.dport.from === m.dport.to ? '' : 's'}:${m.dport.negate ? '!' : ''}${listPort(m.module, m.dport, numeric)}`;
      return s;
    }
    case 'addrtype': {
      let s = ' ADDRTYPE match';
      if (m.srcType) s += ` src-type ${m.srcType.negate ? '!' : ''}${m.srcType.type}`;
      if (m.dstType) s += ` dst-type ${m.dstType.negate ? '!' : ''}${m.dstType.type}`;
      if (m.limitIface) s += ` limit-${m.limitIface}`;
      return s;
    }
    case 'statistic':
      return ` statistic mode random probability ${formatKernelProbability(m.fixedPoint)}`;
    case 'mark':
      return ` mark match${m.negate ? ' !' : ''} ${m.mask === 0xffffffff ? hex(m.mark) : `${hex(m.mark)}/${hex(m.mask)}`}`;
    case 'conntrack':
      return `${m.negate ? ' !' : ''} ctstate ${ctstates(m.ctstate)}`;
    case 'recent':
      return m.command === 'set'
        ? ` recent: SET name: ${m.name} side: source mask: 255.255.255.255`
        : ` recent: CHECK${m.seconds !== undefined ? ` seconds: ${m.seconds}` : ''}${m.reap ? ' reap' : ''} name: ${m.name} side: source mask: 255.255.255.255`;
    case 'nfacct':
      return ` nfacct-name ${m.name}`;
    case 'set':
      // libxt_set set_print_v4: ` [! ]match-set NAME FLAGS`.
      return ` ${m.negate ? '! ' : ''}match-set ${m.setName} ${m.flags.join(',')}`;
    case 'physdev':
      return ` PHYSDEV match${m.isIn ? `${m.isIn.negate ? ' !' : ''} --physdev-is-in` : ''}`;
    case 'ipvs':
      return ipvsOptions(m, '');
    case 'multiport':
      return ` multiport ${m.dports ? 'dports' : 'sports'} ${m.negate ? '!' : ''}${(m.dports ?? m.sports ?? []).map(savePort).join(',')}`;
    default: {
      const never: never = m;
      throw new Error(`unknown match ${JSON.stringify(never)}`);
    }
  }
}

function listTarget(t: Target): string {
  switch (t.kind) {
    case 'none':
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
    case 'NOTRACK':
    case 'jump':
      return '';
    case 'REJECT':
      return ` reject-with ${t.rejectWith}`;
    case 'DNAT':
      return ` to:${t.toDestination}`;
    case 'MASQUERADE':
      return t.randomFully ? ' random-fully' : '';
    case 'MARK':
      if (t.op === 'set' && t.mask !== 0xffffffff) {
        // libxt_MARK mark_tg_print: a masked set prints as `and` (value 0), `or` (value = mask) or `xset`.
        return t.value === 0 ? ` MARK and ${hex(~t.mask)}` : t.value === t.mask ? ` MARK or ${hex(t.value)}` : ` MARK xset ${hex(t.value)}/${hex(t.mask)}`;
      }
      return t.op === 'or' ? ` MARK or ${hex(t.value)}` : t.op === 'xor' ? ` MARK xor ${hex(t.value)}` : ` MARK set ${hex(t.value)}`;
    default: {
      const never: never = t;
      throw new Error(`unknown target ${JSON.stringify(never)}`);
    }
  }
}

/** The text after the destination column of `iptables -L`. */
export function formatRuleListExtras(rule: Rule, numeric: boolean): string {
  return rule.matches.map((m) => listMatch(m, numeric)).join('') + listTarget(rule.target);
}

/** An address column cell of `iptables -L` (without the leading negation character). */
export function formatListAddress(a: AddressMatch | undefined, numeric: boolean): string {
  if (!a || a.prefix === 0) return numeric ? '0.0.0.0/0' : 'anywhere';
  return a.prefix === 32 ? formatIPv4(a.network) : `${formatIPv4(a.network)}/${a.prefix}`;
}
