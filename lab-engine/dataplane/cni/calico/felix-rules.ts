// Felix's rules as data: each rule is written the way Felix renders it (its match and action
// fragments, `--jump X`, `--in-interface cali+`, `-m mark --mark 0x10000/0x10000`), which is what
// its rule id hashes; the kernel then holds the parsed rule, which iptables-save prints in its own
// order (`-i cali+ -m comment --comment "cali:…" -j X`). Sources: felix/iptables/match_builder.go
// and actions.go (fragments), felix/iptables/renderer.go (comment first, then match, then action).

import { parseRule, type Chain, type Rule } from '../../kube-proxy';
import { ruleHashes } from './felix-ids';

export interface FelixRule {
  /** Felix's match fragments, in its order (`--in-interface cali+`, `-m set --match-set S src`). */
  match?: readonly string[];
  /** Felix's action fragment (`--jump cali-FORWARD`, `--goto cali-fw-x`, `--jump MARK --set-mark 0x10000/0x10000`). */
  action: string;
  /** Extra comments after the rule id (`Policy explicitly accepted packet.`). */
  comments?: readonly string[];
}

/** Felix's mark bits with calico.yaml's IptablesMarkMask 0xffff0000 (felix/config: the four lowest bits of the mask). */
export const MARK_ACCEPT = 0x10000;
export const MARK_PASS = 0x20000;
export const MARK_SCRATCH0 = 0x40000;
export const MARK_SCRATCH1 = 0x80000;
const ALL_MARKS = MARK_ACCEPT | MARK_PASS | MARK_SCRATCH0 | MARK_SCRATCH1;
export { ALL_MARKS as ALL_CALICO_MARKS };

const hex = (n: number) => `0x${n.toString(16)}`;

export const jump = (chain: string) => `--jump ${chain}`;
export const goto = (chain: string) => `--goto ${chain}`;
export const clearMark = (mark: number) => `--jump MARK --set-mark 0/${hex(mark)}`;
export const setMark = (mark: number) => `--jump MARK --set-mark ${hex(mark)}/${hex(mark)}`;
export const markSet = (mark: number) => `-m mark --mark ${hex(mark)}/${hex(mark)}`;
export const markClear = (mark: number) => `-m mark --mark 0/${hex(mark)}`;

/** Rendered text (for the hash) and arguments (for the kernel's parse) of one rule. */
function render(rule: FelixRule): { text: string; args: string[] } {
  const comments = (rule.comments ?? []).map((c) => `-m comment --comment "${c}"`);
  const text = [...comments, ...(rule.match ?? []), rule.action].filter((f) => f !== '').join(' ');
  const args: string[] = [];
  for (const c of rule.comments ?? []) args.push('-m', 'comment', '--comment', c);
  for (const f of [...(rule.match ?? []), rule.action]) args.push(...tokens(f));
  return { text, args };
}

/** The names iptables stores for the protocol numbers Felix writes (`-p 4` saves as `-p ipencap`). */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '4': 'ipencap', '6': 'tcp', '17': 'udp', '132': 'sctp' };

/** Felix's fragments never quote anything but comments, and comments are passed apart. */
function tokens(fragment: string): string[] {
  const t = fragment.split(' ').filter((x) => x !== '');
  if (t[0] === '-p' && t[1] !== undefined) t[1] = PROTOCOL_NAMES[t[1]] ?? t[1];
  return t;
}

/** One chain as Felix programs it: each rule led by its `cali:` id. */
export function felixChain(name: string, rules: readonly FelixRule[]): Chain {
  return { name, rules: felixRules(name, rules) };
}

/**
 * Rules of `chain` with their ids. Felix also inserts rules at the top of the built-in chains (hashed
 * under the chain's name) and appends some at their end (hashed as `<chain>*appends*`, felix/iptables
 * table.go), which `appended` selects.
 */
export function felixRules(chain: string, rules: readonly FelixRule[], appended = false): Rule[] {
  const rendered = rules.map(render);
  const ids = ruleHashes(appended ? `${chain}*appends*` : chain, rendered.map((r) => r.text));
  return rendered.map((r, i) => parseRule(chain, ['-m', 'comment', '--comment', `cali:${ids[i]}`, ...r.args]));
}
