// The clusters the reachability checks' tests grade: a fresh simulation, a script every line of
// which must succeed, then time for pods to start. BACKEND_CLUSTER is the shared one (a backend
// behind a right and a wrong-port Service, a Service with no pods, two client pods).

import { expect } from 'vitest';
import { createSimulation, settle, type FlatnetSimulation } from '../../simulation/simulation';

export const BACKEND_CLUSTER = [
  'kubectl create deployment backend --image=nginx --replicas=1 --port=80',
  'kubectl expose deployment backend --port=8080 --target-port=80',
  'kubectl expose deployment backend --name=wrong-port --port=8081 --target-port=9999',
  'kubectl create service clusterip empty --tcp=80:80',
  'kubectl run frontend --image=busybox --labels=app=frontend -- sleep 3600',
  'kubectl run monitoring --image=busybox --labels=app=monitoring -- sleep 3600',
];

export async function clusterAfter(seed: number, script: readonly string[]): Promise<FlatnetSimulation> {
  const sim = createSimulation({ seed });
  for (const line of script) expect((await sim.exec(line)).exitCode, line).toBe(0);
  settle(sim);
  return sim;
}
