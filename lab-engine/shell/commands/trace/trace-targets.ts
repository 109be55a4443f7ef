// What `trace` accepts as its two ends, resolved against the cluster: a source is a pod
// (`pod/NAME` or `NAME`), a workload (`deploy/NAME`: its first running pod), a node (`node/NAME`
// or a node's name), or an outside host (`workstation`, `internet`); a destination is a Service
// (`svc/NAME[:PORT]`), a pod (`pod/NAME:PORT`), a node (`node-1:PORT`) or an address (`IP[:PORT]`).

import type { Cluster } from '../../../cluster/cluster';
import type { Pod } from '../../../kube/types';
import type { PacketSource } from '../../../dataplane/packet/types';

export interface ResolvedSource {
  source: PacketSource;
  label: string;
}

export interface ResolvedDestination {
  ip: string;
  port?: number;
  label: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;

function firstRunningPod(cluster: Cluster, namespace: string, labels: Record<string, string> | undefined): Pod | undefined {
  if (!labels) return undefined;
  return cluster.list('pods', namespace).find((p) => p.status.phase === 'Running' && Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v));
}

export function resolveSource(cluster: Cluster, text: string, namespace: string): Result<ResolvedSource> {
  if (text === 'workstation' || text === 'internet') return { ok: true, value: { source: { kind: 'external', host: text }, label: text } };
  const [type, name] = text.includes('/') ? text.split('/', 2) : [cluster.get('nodes', undefined, text) ? 'node' : 'pod', text];
  switch (type) {
    case 'pod':
    case 'pods':
    case 'po': {
      const pod = cluster.get('pods', namespace, name);
      if (!pod) return { ok: false, error: `trace: pod "${name}" not found in namespace ${namespace}\n` };
      return { ok: true, value: { source: { kind: 'pod', namespace, name }, label: `pod ${namespace}/${name} (${pod.status.podIP ?? 'no IP yet'})` } };
    }
    case 'deploy':
    case 'deployment':
    case 'deployments': {
      const d = cluster.get('deployments', namespace, name);
      if (!d) return { ok: false, error: `trace: deployment "${name}" not found in namespace ${namespace}\n` };
      const pod = firstRunningPod(cluster, namespace, d.spec.selector.matchLabels);
      if (!pod) return { ok: false, error: `trace: deployment "${name}" has no running pod to send from\n` };
      return { ok: true, value: { source: { kind: 'pod', namespace, name: pod.metadata.name }, label: `pod ${namespace}/${pod.metadata.name} (${pod.status.podIP}) of deployment ${name}` } };
    }
    case 'node':
    case 'nodes':
    case 'no': {
      const node = cluster.get('nodes', undefined, name);
      if (!node) return { ok: false, error: `trace: node "${name}" not found\n` };
      return { ok: true, value: { source: { kind: 'node', node: name }, label: `node ${name}` } };
    }
    default:
      return { ok: false, error: `trace: cannot send from "${text}": use pod/NAME, deploy/NAME, node/NAME, workstation or internet\n` };
  }
}

export function resolveDestination(cluster: Cluster, text: string, namespace: string): Result<ResolvedDestination> {
  const colon = text.lastIndexOf(':');
  const host = colon > 0 ? text.slice(0, colon) : text;
  const portText = colon > 0 ? text.slice(colon + 1) : undefined;
  const port = portText !== undefined ? Number(portText) : undefined;
  if (portText !== undefined && (!Number.isInteger(port) || port! < 1 || port! > 65535)) return { ok: false, error: `trace: invalid port "${portText}"\n` };
  if (IPV4.test(host)) return { ok: true, value: { ip: host, ...(port !== undefined ? { port } : {}), label: text } };
  const [type, name] = host.includes('/') ? host.split('/', 2) : [cluster.get('nodes', undefined, host) ? 'node' : 'svc', host];
  switch (type) {
    case 'svc':
    case 'service':
    case 'services': {
      const svc = cluster.get('services', namespace, name);
      if (!svc) return { ok: false, error: `trace: service "${name}" not found in namespace ${namespace}\n` };
      if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None') return { ok: false, error: `trace: service "${name}" has no ClusterIP (${svc.spec.type === 'ExternalName' ? 'ExternalName' : 'headless'}): trace a pod behind it instead\n` };
      const p = port ?? svc.spec.ports?.[0]?.port;
      return { ok: true, value: { ip: svc.spec.clusterIP, ...(p !== undefined ? { port: p } : {}), label: `svc ${namespace}/${name} (${svc.spec.clusterIP}${p !== undefined ? `:${p}` : ''})` } };
    }
    case 'pod':
    case 'pods':
    case 'po': {
      const pod = cluster.get('pods', namespace, name);
      if (!pod?.status.podIP) return { ok: false, error: `trace: pod "${name}" ${pod ? 'has no IP yet' : `not found in namespace ${namespace}`}\n` };
      return { ok: true, value: { ip: pod.status.podIP, ...(port !== undefined ? { port } : {}), label: `pod ${namespace}/${name} (${pod.status.podIP}${port !== undefined ? `:${port}` : ''})` } };
    }
    case 'node':
    case 'nodes':
    case 'no': {
      const node = cluster.get('nodes', undefined, name);
      const ip = node?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
      if (!ip) return { ok: false, error: `trace: node "${name}" not found\n` };
      return { ok: true, value: { ip, ...(port !== undefined ? { port } : {}), label: `node ${name} (${ip}${port !== undefined ? `:${port}` : ''})` } };
    }
    default:
      return { ok: false, error: `trace: cannot send to "${text}": use svc/NAME[:PORT], pod/NAME:PORT, NODE:PORT or IP[:PORT]\n` };
  }
}
