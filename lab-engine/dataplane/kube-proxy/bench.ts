// The kube-proxy scale benchmark (DESIGN budgets: 10,000 Services × 5 endpoints — rule sync ≤ 1 s,
// one packet walk ≤ 1 ms p50) and the lesson's comparison: iptables' KUBE-SERVICES is a list the
// kernel walks rule by rule (O(n) in Services: the rules it compares are counted), IPVS is a hash
// lookup (O(1)). The simulator itself indexes KUBE-SERVICES by destination (chain-dispatch.ts), so
// its own walk time stays flat; the rule count is the kernel's cost. Called by `npm run bench`;
// measures, never asserts.

import { performance } from 'node:perf_hooks';
import { createRng } from '../../core/random';
import { formatIPv4 } from '../../kube/ipv4';
import { syncIptablesRules } from './iptables-sync';
import { ipvsSchedule, syncIpvs } from './ipvs';
import { buildIpsets } from './ipsets';
import { syncIpvsIptablesRules } from './ipvs-rules';
import { buildServicePorts } from './service-ports';
import { nodeTables } from './netfilter/node-tables';
import { walkChain } from './netfilter/walk';
import { SERVICE_NAME_LABEL, type EndpointSlice, type ProxyNode, type Service } from './types';

const NODE: ProxyNode = { name: 'node-1', nodeIP: '192.168.0.11', clusterCIDR: '10.244.0.0/16', randomFully: true };

/** n Services `svc-<i>` in namespace `bench`, ClusterIPs from 10.96.0.0/12, each with `endpoints` pods. */
export function syntheticCluster(n: number, endpoints: number): { services: Service[]; endpointSlices: EndpointSlice[] } {
  const services: Service[] = [];
  const endpointSlices: EndpointSlice[] = [];
  for (let i = 0; i < n; i++) {
    const ip = 0x0a600000 + 16 + i; // 10.96.0.16 upwards
    services.push({ metadata: { namespace: 'bench', name: `svc-${i}` }, spec: { clusterIP: formatIPv4(ip), ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
    endpointSlices.push({
      metadata: { namespace: 'bench', name: `svc-${i}-x`, labels: { [SERVICE_NAME_LABEL]: `svc-${i}` } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: Array.from({ length: endpoints }, (_, k) => ({ addresses: [formatIPv4(0x0af40000 + ((i * endpoints + k) % 65000) + 2)], nodeName: `node-${(k % 3) + 1}` })),
    });
  }
  return { services, endpointSlices };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export interface KubeProxyBenchResult {
  services: number;
  endpointsPerService: number;
  /** Full iptables-mode sync: Services + slices → kube-proxy chains → the node's tables (median of 3 warm runs). */
  sync10kServicesMs: number;
  /** The first sync of the process at that size (cold JIT, fresh heap). */
  sync10kServicesColdMs: number;
  /** CPU time (user + system) of the warm syncs, median: less sensitive than wall time to other load on the machine. */
  sync10kServicesCpuMs: number;
  iptablesNatRules: number;
  /** One new connection to the last Service through nat PREROUTING → DNAT (µs, median). */
  iptablesChainWalkUs: { p50: number };
  ipvsSyncMs: number;
  /** One IPVS lookup + schedule (µs, median). */
  ipvsLookupUs: { p50: number };
  /** The lesson's table: rules and walk cost as Services grow. */
  scaling: { services: number; natRules: number; /** iptables rules (nat + filter) kube-proxy writes in IPVS mode: constant */ ipvsModeRules: number; /** rules the kernel compares a new connection to the last Service against */ iptablesRulesEvaluated: number; iptablesWalkUs: number; ipvsLookupUs: number }[];
}

function walkCost(n: number, endpoints: number, samples: number): { natRules: number; ipvsModeRules: number; rulesEvaluated: number; iptablesWalkUs: number; ipvsLookupUs: number; syncMs: number; ipvsSyncMs: number } {
  const cluster = syntheticCluster(n, endpoints);
  let t0 = performance.now();
  const tables = nodeTables(syncIptablesRules({ ...cluster, node: NODE }));
  const syncMs = performance.now() - t0;
  t0 = performance.now();
  const ipvs = syncIpvs({ ...cluster, node: NODE });
  const ipvsSyncMs = performance.now() - t0;
  const natRules = tables.nat.chains.reduce((s, c) => s + c.rules.length, 0);
  // IPVS mode still writes iptables rules, over ipsets: their number does not depend on n.
  const ipvsRules = syncIpvsIptablesRules(NODE, buildIpsets(buildServicePorts(cluster.services, cluster.endpointSlices, NODE), NODE, ipvs.dummyAddresses));
  const ipvsModeRules = [...ipvsRules.nat, ...ipvsRules.filter].reduce((s, c) => s + c.rules.length, 0);
  const rng = createRng(1);
  const target = cluster.services[n - 1].spec.clusterIP as string; // the worst case: last in KUBE-SERVICES
  const ctx = { isLocalAddress: (ip: string) => ip === NODE.nodeIP, random: () => rng.next() };
  const walks: number[] = [];
  const lookups: number[] = [];
  let rulesEvaluated = 0;
  for (let s = 0; s < samples; s++) {
    let a = performance.now();
    rulesEvaluated = walkChain(tables.nat, 'PREROUTING', { src: '10.244.7.7', dst: target, protocol: 'tcp', sport: 40000 + s, dport: 80 }, ctx).rulesEvaluated;
    walks.push((performance.now() - a) * 1000);
    a = performance.now();
    ipvsSchedule(ipvs, { protocol: 'tcp', src: '10.244.7.7', dst: target, dport: 80 });
    lookups.push((performance.now() - a) * 1000);
  }
  return { natRules, ipvsModeRules, rulesEvaluated, iptablesWalkUs: median(walks), ipvsLookupUs: median(lookups), syncMs, ipvsSyncMs };
}

export function runKubeProxyBench(options: { services?: number; endpoints?: number; samples?: number } = {}): KubeProxyBenchResult {
  const services = options.services ?? 10_000;
  const endpoints = options.endpoints ?? 5;
  const samples = options.samples ?? 200;
  walkCost(100, endpoints, 20); // warm the JIT at a small size
  const big = walkCost(services, endpoints, samples);
  const warmRuns = [1, 2, 3].map(() => syncOnly(services, endpoints));
  const warm = warmRuns.map((r) => r.wallMs);
  const scaling = [10, 100, 1000, services].map((n) => {
    const r = n === services ? big : walkCost(n, endpoints, samples);
    return { services: n, natRules: r.natRules, ipvsModeRules: r.ipvsModeRules, iptablesRulesEvaluated: r.rulesEvaluated, iptablesWalkUs: round(r.iptablesWalkUs), ipvsLookupUs: round(r.ipvsLookupUs) };
  });
  return {
    services,
    endpointsPerService: endpoints,
    sync10kServicesMs: round(median(warm)),
    sync10kServicesColdMs: round(big.syncMs),
    sync10kServicesCpuMs: round(median(warmRuns.map((r) => r.cpuMs))),
    iptablesNatRules: big.natRules,
    iptablesChainWalkUs: { p50: round(big.iptablesWalkUs) },
    ipvsSyncMs: round(big.ipvsSyncMs),
    ipvsLookupUs: { p50: round(big.ipvsLookupUs) },
    scaling,
  };
}

function syncOnly(n: number, endpoints: number): { wallMs: number; cpuMs: number } {
  const cluster = syntheticCluster(n, endpoints);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  nodeTables(syncIptablesRules({ ...cluster, node: NODE }));
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
