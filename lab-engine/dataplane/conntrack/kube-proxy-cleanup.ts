// kube-proxy's conntrack reconciler (pkg/proxy/conntrack/cleanup.go, CleanStaleEntries, since
// v1.32): after each sync it lists the node's conntrack table and deletes the UDP flows addressed
// to a Service frontend (ClusterIP, LoadBalancer or external IP with the Service port, or any
// address with a NodePort) whose reply source is not the IP of one of the Service's serving
// endpoints. Only UDP: a TCP flow to a gone endpoint ends by itself (RST, timeouts).
//
// Two limits of that reconciler are what a stale UDP flow survives on in v1.34:
// - it compares the endpoint's IP only, never its port: a flow DNATed to IP:8125 stays when the
//   endpoint is now IP:9125 (a hostNetwork pod keeps its node's IP across a rollout);
// - a Service with no serving endpoint is skipped altogether ("a Service without endpoints does
//   not require to clean the conntrack entries associated"), kubernetes/kubernetes#139628, fixed
//   upstream after v1.34 by #139629.

import type { ConntrackEntry, ConntrackTable } from './conntrack';

/** One UDP Service port as the reconciler sees it. */
export interface UdpFrontend {
  clusterIP: string;
  port: number;
  nodePort?: number;
  /** LoadBalancer VIPs and externalIPs. */
  otherIPs: readonly string[];
  /** IPs of the endpoints whose `serving` condition is true (terminating ones included, as kube-proxy does). */
  servingIPs: ReadonlySet<string>;
}

/** Deletes the table's stale UDP flows; returns how many went. */
export function cleanStaleUdpEntries(table: ConntrackTable, frontends: readonly UdpFrontend[]): number {
  const byAddress = new Map<string, ReadonlySet<string>>();
  const byNodePort = new Map<number, ReadonlySet<string>>();
  for (const f of frontends) {
    if (f.servingIPs.size === 0) continue;
    for (const ip of [f.clusterIP, ...f.otherIPs]) byAddress.set(`${ip}:${f.port}`, f.servingIPs);
    if (f.nodePort) byNodePort.set(f.nodePort, f.servingIPs);
  }
  if (byAddress.size === 0 && byNodePort.size === 0) return 0;
  const stale = (e: ConntrackEntry) => {
    if (e.protocol !== 'udp') return false;
    const viaAddress = byAddress.get(`${e.orig.dst}:${e.orig.dport}`);
    if (viaAddress && !viaAddress.has(e.reply.src)) return true;
    const viaNodePort = byNodePort.get(e.orig.dport);
    return viaNodePort !== undefined && !viaNodePort.has(e.reply.src);
  };
  return table.deleteWhere(stale);
}
