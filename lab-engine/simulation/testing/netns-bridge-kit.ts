// Test helpers: the classic "container network by hand" on a node, two named namespaces red
// (10.0.0.1/24) and blue (10.0.0.2/24) whose veths hang off the bridge br0 in node-1's root
// netns, as a list of `ip` commands a test can trim (`skip`), alter (`replace`) or extend
// (`extra`) to stage the mistake a learner makes; and a simulation with the lines run over ssh.

import { expect } from 'vitest';
import { createSimulation, type FlatnetSimulation } from '../simulation';

/** The lines, in the order a learner types them; br0 is brought up right after it is made. */
const RED_BLUE_ON_BR0: readonly string[] = [
  'ip netns add red',
  'ip netns add blue',
  'ip link add br0 type bridge',
  'ip link set br0 up',
  'ip link add veth-red type veth peer name veth-red-br',
  'ip link add veth-blue type veth peer name veth-blue-br',
  'ip link set veth-red netns red',
  'ip link set veth-blue netns blue',
  'ip link set veth-red-br master br0',
  'ip link set veth-blue-br master br0',
  'ip link set veth-red-br up',
  'ip link set veth-blue-br up',
  'ip -n red addr add 10.0.0.1/24 dev veth-red',
  'ip -n blue addr add 10.0.0.2/24 dev veth-blue',
  'ip -n red link set veth-red up',
  'ip -n blue link set veth-blue up',
];

export interface BridgeScriptEdits {
  /** Lines to leave out. */
  skip?: RegExp;
  /** A substitution made in every line it matches. */
  replace?: [RegExp, string];
  /** Lines to run after the rest. */
  extra?: string[];
}

/** red and blue on br0, with the edits that make a test's mistake. */
export function bridgeScript(edits: BridgeScriptEdits = {}): string[] {
  const { skip, replace, extra = [] } = edits;
  const kept = RED_BLUE_ON_BR0.filter((l) => !skip?.test(l));
  return [...kept.map((l) => (replace && replace[0].test(l) ? l.replace(replace[0], replace[1]) : l)), ...extra];
}

/** A fresh simulation (seed 1) with every line run on node-1; each must print nothing to stderr. */
export async function builtOnNode1(lines: readonly string[]): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed: 1 });
  for (const line of lines) {
    const r = await sim.exec(`ssh node-1 ${line}`);
    expect(r.stderr, line).toBe('');
  }
  return sim;
}
