// How long one simulated command takes on the default topology, and at scale (the most pods a
// simulated cluster holds, MAX_PODS).

import { MAX_PODS } from '../core/limits';
import { createSimulation } from '../simulation/simulation';
import { percentile, round, timeMany } from './stats';

export async function benchKubectl() {
  const sim = createSimulation({ seed: 1 });
  await sim.exec('kubectl run web --image=nginx', { history: false });
  for (let i = 0; i < 50; i++) await sim.exec('kubectl get pods -A', { history: false }); // warm up
  const getPods = await timeMany(500, () => sim.exec('kubectl get pods -A', { history: false }));
  const getNodes = await timeMany(500, () => sim.exec('kubectl get nodes -o wide', { history: false }));
  return {
    kubectlMs: { p50: round(percentile(getPods, 50), 3), p99: round(percentile(getPods, 99), 3) },
    kubectlGetNodesMs: { p50: round(percentile(getNodes, 50), 3) },
  };
}

export async function benchKubectlAtScale(pods = MAX_PODS) {
  const sim = createSimulation({ seed: 1 });
  const lines: string[] = [];
  for (let i = 0; i < pods; i++) lines.push(`kubectl run p${i} --image=nginx -n ${i % 2 ? 'default' : 'kube-public'}`);
  // Runs in chunks: a single script is capped by the shell's command-count limit.
  for (let i = 0; i < lines.length; i += 100) await sim.exec(lines.slice(i, i + 100).join('\n'), { history: false });
  sim.advanceTo(sim.now() + 120_000);
  const samples = await timeMany(30, () => sim.exec('kubectl get pods -A', { history: false }));
  return { kubectlGetPodsAllAtMaxMs: { p50: round(percentile(samples, 50), 2), pods: sim.list('pods').length } };
}
