// Test helpers: a simulation with a few pods settled, its dataplane, and a way to run `ip` or
// `bridge` in any netns of it without going through ssh/kubectl exec.

import { createSimulation, settle } from '../../../simulation/simulation';
import { buildDataplane, dataplaneOptionsFor } from '../../../dataplane/cni/build-dataplane';
import type { Dataplane, Netns } from '../../../dataplane/netns/types';
import type { ShellCommand } from '../../command-types';
import type { ShellSession } from '../../contexts/location';
import type { TopologyOptions } from '../../../core/topology';
import { applyHandOp } from '../../../dataplane/netns/hand-built';

/** `routing`: the CNI's own routing setting (Calico's ipipMode, flannel's backend), if not the default. */
export async function settledCluster(cni: TopologyOptions['cni'], seed = 1, routing: Pick<TopologyOptions, 'ipipMode' | 'flannelBackend'> = {}) {
  const topology: TopologyOptions = { cni, proxyMode: 'iptables', ...routing };
  const sim = createSimulation({ seed, topology });
  await sim.exec('kubectl run web --image=nginx --port=80', { history: false });
  await sim.exec('kubectl run client --image=busybox -- sleep 3600', { history: false });
  settle(sim);
  return { sim, dataplane: buildDataplane(sim.cluster, dataplaneOptionsFor(topology)) };
}

export function fixedSession(dp: Dataplane, ns: Netns | undefined, cni: TopologyOptions['cni']): ShellSession {
  return {
    topology: { cni, proxyMode: 'iptables' },
    portForwards: new Map(),
    location: () => (ns?.kind === 'pod' ? { kind: 'pod', namespace: ns.pod!.split('/')[0], pod: ns.pod!.split('/')[1], container: 'c' } : ns ? { kind: 'node', node: ns.node } : { kind: 'workstation' }),
    dataplane: () => dp,
    // No probes in these tests: a world with the dataplane and nothing learned from traffic.
    network: () => ({ cluster: undefined as never, dataplane: dp, nodes: undefined as never, random: () => 0, nowMs: 0, policies: () => [] }),
    netns: () => ns,
    // `bridge link set` in these tests changes the fixed dataplane's port itself.
    setBridgePort: (dev, flags) => {
      const port = ns?.kind === 'node' ? ns.links.find((l) => l.name === dev && l.master) : undefined;
      if (port) Object.assign(port, flags);
      return port !== undefined;
    },
    // Hand-made changes apply to the fixed dataplane itself.
    changeNetwork: (op) => (ns?.kind === 'node' ? applyHandOp(dp, ns.node, op, 0) : { error: 'not-supported' }),
    enter: () => undefined,
    leave: () => false,
    oneShot: () => false,
    depth: () => 1,
    showWalk: () => undefined,
  };
}

/** Runs one command with nothing but a session: `ip` and `bridge` read only the netns. */
export async function runIn(cmd: ShellCommand, args: string[], session: ShellSession) {
  return cmd.run({ args, stdin: '', env: {}, cluster: undefined as never, fs: undefined as never, history: [], sleep: async () => 0, session });
}
