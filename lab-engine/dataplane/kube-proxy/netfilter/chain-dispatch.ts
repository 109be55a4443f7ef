// Which rules of a chain a packet can possibly match, found without comparing it against every
// rule. The kernel's ip_tables walks KUBE-SERVICES rule by rule — one `-d VIP/32` rule per Service
// port — and so does the model's *semantics*: rules are still taken in order, and the first
// terminating one wins. Only the work changes: rules whose sole chance is an exact destination are
// filed under that destination, so a packet meets its own few plus the chain's other rules, merged
// in rule order. The number of rules the kernel would have compared is still reported (the
// lesson's O(n) point), it just no longer costs the simulator O(n).

import type { Chain, Rule } from './rule';

/** Below this many rules a plain scan is as fast as the index and needs no memory. */
const INDEX_FROM_RULES = 64;

interface ChainDispatch {
  rules: readonly Rule[];
  length: number;
  /** Rules (by index) filed under their exact, non-negated /32 destination. */
  byDestination: Map<number, number[]>;
  /** Every other rule, by index, in order. */
  others: number[];
}

const dispatchCache = new WeakMap<Chain, ChainDispatch>();

function exactDestination(rule: Rule): number | undefined {
  const d = rule.destination;
  return d && !d.negate && d.prefix === 32 ? d.network >>> 0 : undefined;
}

function buildDispatch(chain: Chain): ChainDispatch {
  const byDestination = new Map<number, number[]>();
  const others: number[] = [];
  chain.rules.forEach((rule, i) => {
    const dst = exactDestination(rule);
    if (dst === undefined) others.push(i);
    else {
      const list = byDestination.get(dst);
      if (list) list.push(i);
      else byDestination.set(dst, [i]);
    }
  });
  return { rules: chain.rules, length: chain.rules.length, byDestination, others };
}

const NO_RULES: readonly number[] = [];

/**
 * The indexes of the rules in `chain` a packet to `dst` can match, ascending; undefined means
 * "scan them all" (a short chain, or a packet without a parsed destination).
 */
export function candidateRules(chain: Chain, dst: number | undefined): readonly number[] | undefined {
  if (chain.rules.length < INDEX_FROM_RULES || dst === undefined) return undefined;
  let d = dispatchCache.get(chain);
  if (!d || d.rules !== chain.rules || d.length !== chain.rules.length) {
    d = buildDispatch(chain);
    dispatchCache.set(chain, d);
  }
  const mine = d.byDestination.get(dst >>> 0) ?? NO_RULES;
  if (mine.length === 0) return d.others;
  if (d.others.length === 0) return mine;
  return mergeAscending(mine, d.others);
}

function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] < b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
