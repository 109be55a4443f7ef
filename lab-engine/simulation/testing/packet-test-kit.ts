// Test helpers: a settled cluster with a two-replica nginx Deployment behind a NodePort Service,
// a Service without endpoints and a busybox client, on any CNI and proxy mode.

import { createSimulation, settle } from '../simulation';
import type { TopologyOptions } from '../../core/topology';
import type { Hop } from '../../dataplane/packet/types';

/** `routing`: the CNI's own routing setting (Calico's ipipMode, flannel's backend), if not the default. */
export async function webCluster(cni: TopologyOptions['cni'], proxyMode: TopologyOptions['proxyMode'] = 'iptables', seed = 1, routing: Pick<TopologyOptions, 'ipipMode' | 'flannelBackend'> = {}) {
  const sim = createSimulation({ seed, topology: { cni, proxyMode, ...routing } });
  for (const line of [
    'kubectl create deployment web --image=nginx --replicas=2 --port=80',
    'kubectl expose deployment web --port=80 --type=NodePort',
    'kubectl create service clusterip empty --tcp=80:80',
    'kubectl run client --image=busybox -- sleep 3600',
  ]) {
    const r = await sim.exec(line, { history: false });
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.combined}`);
  }
  settle(sim);
  const client = sim.cluster.get('pods', 'default', 'client')!;
  const web = sim.cluster.get('services', 'default', 'web')!;
  const empty = sim.cluster.get('services', 'default', 'empty')!;
  const webPods = sim.cluster.list('pods', 'default').filter((p) => p.metadata.labels?.app === 'web');
  const remoteWeb = webPods.find((p) => p.spec.nodeName !== client.spec.nodeName)!;
  const localWeb = webPods.find((p) => p.spec.nodeName === client.spec.nodeName);
  return { sim, client, web, empty, webPods, remoteWeb, localWeb, fromClient: { kind: 'pod' as const, namespace: 'default', name: 'client' } };
}

export function kinds(hops: readonly Hop[]): string[] {
  return hops.map((h) => `${h.netns} ${h.kind}`);
}
