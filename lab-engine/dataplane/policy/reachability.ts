// A truth-table helper after upstream's Reachability (kubernetes/kubernetes
// test/e2e/network/netpol/reachability.go and truthtable.go): start from "everything connects",
// flip cells with expectPeer / expectAllIngress / expectAllEgress / expect, then compare with what
// the engine says for every (from, to) pair and print upstream's `.`/`X` tables on a mismatch.
// Loopback (x/a → x/a) is never compared, as upstream's ignoreLoopback (kubernetes#95879).

import { evaluate, type PolicyWorld } from './evaluate';
import type { Protocol } from '../../kube/network-policy';

/** Empty namespace or pod = wildcard, as upstream's Peer. */
export interface Peer {
  namespace?: string;
  pod?: string;
}

export class Reachability {
  private readonly values = new Map<string, boolean>();

  constructor(readonly pods: readonly string[], defaultValue = true) {
    for (const from of pods) for (const to of pods) this.values.set(key(from, to), defaultValue);
  }

  expect(from: string, to: string, connected: boolean): this {
    if (!this.values.has(key(from, to))) throw new RangeError(`no such pair ${from} -> ${to}`);
    this.values.set(key(from, to), connected);
    return this;
  }

  expectPeer(from: Peer, to: Peer, connected: boolean): this {
    for (const f of this.pods) for (const t of this.pods) if (peerMatches(from, f) && peerMatches(to, t)) this.values.set(key(f, t), connected);
    return this;
  }

  /** The whole column: nothing reaches `pod`. */
  expectAllIngress(pod: string, connected: boolean): this {
    for (const f of this.pods) this.values.set(key(f, pod), connected);
    return this;
  }

  /** The whole row: `pod` reaches nothing. */
  expectAllEgress(pod: string, connected: boolean): this {
    for (const t of this.pods) this.values.set(key(pod, t), connected);
    return this;
  }

  get(from: string, to: string): boolean {
    const v = this.values.get(key(from, to));
    if (v === undefined) throw new RangeError(`no such pair ${from} -> ${to}`);
    return v;
  }

  /** Upstream's PrettyPrint: a `-` corner, "to" pods across, "from" pods down, `.` connected, `X` blocked. */
  prettyPrint(cell: (from: string, to: string) => string = (f, t) => (this.get(f, t) ? '.' : 'X')): string {
    const lines = [['-', ...this.pods].join('\t')];
    for (const from of this.pods) lines.push([from, ...this.pods.map((to) => cell(from, to))].join('\t'));
    return lines.join('\n');
  }
}

export interface ProbeResult {
  observed: Reachability;
  /** Pairs (excluding loopback) where observation and expectation differ. */
  mismatches: { from: string; to: string; expected: boolean; observed: boolean }[];
  /** Expected, observed and comparison tables, as upstream's ValidateOrFail logs them. */
  report: string;
}

/** Probes every pair through the engine, like upstream's ProbePodToPodConnectivity over the Service. */
export function probeAll(world: PolicyWorld, expected: Reachability, port: number, protocol: Protocol): ProbeResult {
  const observed = new Reachability(expected.pods, false);
  const mismatches: ProbeResult['mismatches'] = [];
  for (const from of expected.pods) {
    for (const to of expected.pods) {
      const [fns, fname] = from.split('/');
      const [tns, tname] = to.split('/');
      const verdict = evaluate(
        { src: { kind: 'pod', namespace: fns, name: fname }, dst: { kind: 'pod', namespace: tns, name: tname }, protocol, port },
        world,
      );
      observed.expect(from, to, verdict.allowed);
      if (from !== to && verdict.allowed !== expected.get(from, to)) {
        mismatches.push({ from, to, expected: expected.get(from, to), observed: verdict.allowed });
      }
    }
  }
  const comparison = expected.prettyPrint((f, t) => (f === t ? '.' : expected.get(f, t) === observed.get(f, t) ? '.' : 'X'));
  const report = [
    `${protocol}/${port}: ${mismatches.length} mismatched pair(s)`,
    'expected:',
    expected.prettyPrint(),
    'observed:',
    observed.prettyPrint(),
    'comparison (X = mismatch):',
    comparison,
  ].join('\n');
  return { observed, mismatches, report };
}

function key(from: string, to: string): string {
  return `${from}>${to}`;
}

function peerMatches(peer: Peer, podString: string): boolean {
  const [ns, pod] = podString.split('/');
  return (!peer.namespace || peer.namespace === ns) && (!peer.pod || peer.pod === pod);
}
