// The packet engine end to end (DESIGN budget: one packet walk through a Service ≤ 1 ms p50):
// a full `sendProbe` from a pod to a ClusterIP — pod routing, veth, nat PREROUTING with
// kube-proxy's chains, routing, filter FORWARD, NetworkPolicy, POSTROUTING, encapsulation,
// delivery — on the default topology, and again with many more Services in the cluster, so the
// figure includes the KUBE-SERVICES walk at scale. Measures, never asserts.

import { performance } from 'node:perf_hooks';
import { createSimulation, settle } from '../simulation/simulation';

export interface PacketBenchResult {
  /** Full sendProbe pod → ClusterIP at the default topology (µs, median of warm runs). */
  packetProbeUs: { p50: number };
  /** The same with `extraServices` more Services ahead of it in KUBE-SERVICES (µs, median). */
  packetProbeAtScaleUs: { p50: number; services: number };
}

const SERVICES_PER_NAMESPACE = 100;

async function probeCost(extraServices: number, samples: number): Promise<number> {
  const sim = createSimulation({ seed: 1 });
  // Spread over namespaces of SERVICES_PER_NAMESPACE: the endpoints controller reconciles per
  // namespace and the serviceaccount controller per namespace list, so neither one namespace of
  // 10,000 Services nor 10,000 namespaces is what this measures (nor what a cluster looks like).
  for (let i = 0; i < extraServices; i++) {
    const namespace = `bulk-${Math.floor(i / SERVICES_PER_NAMESPACE)}`;
    if (i % SERVICES_PER_NAMESPACE === 0) sim.cluster.api.create('namespaces', { name: namespace });
    sim.cluster.api.create('services', { name: `svc-${i % SERVICES_PER_NAMESPACE}`, namespace, selector: { app: 'none' }, ports: [{ port: 80 }] });
  }
  for (const line of ['kubectl create deployment web --image=nginx --replicas=3 --port=80', 'kubectl expose deployment web --port=80', 'kubectl run client --image=busybox -- sleep 1d']) await sim.exec(line, { history: false });
  settle(sim);
  const ip = sim.cluster.get('services', 'default', 'web')!.spec.clusterIP!;
  const probe = { from: { kind: 'pod' as const, namespace: 'default', name: 'client' }, dst: ip, protocol: 'tcp' as const, dport: 80 };
  for (let i = 0; i < 20; i++) sim.network.checkProbe(probe); // warm: tables built, JIT hot
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    sim.network.checkProbe(probe);
    times.push((performance.now() - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

export async function benchPacket(options: { extraServices?: number; samples?: number } = {}): Promise<PacketBenchResult> {
  const samples = options.samples ?? 300;
  const extra = options.extraServices ?? 10_000;
  return { packetProbeUs: { p50: await probeCost(0, samples) }, packetProbeAtScaleUs: { p50: await probeCost(extra, samples), services: extra + 3 } };
}
