// kube-proxy's public face for the packet engine, the node contexts and the grader.
//
//   syncIptablesRules({services, endpointSlices, node}) → kube-proxy's chains (filter, nat)
//   nodeTables(kp)                                     → the node's full tables (base-chain jumps)
//   walkChain(table, chain, packet, ctx)               → verdict + every matched rule with reasons
//   renderRestorePayload(kp)                           → what kube-proxy feeds iptables-restore
//   syncIpvs({...}) / ipvsSchedule(state, packet)      → IPVS virtual servers and one scheduling
//   buildIpsets(...) / syncIpvsIptablesRules(...)      → IPVS mode's ipsets and its constant-size rules
//   serveServiceHealth(cluster, node, req)            → the healthCheckNodePort answer (200/503 JSON)
//   runKubeProxyBench()                                → the scale benchmark (bench.ts)

export { endpointChainName, portProtoHash, serviceChainName, servicePortNameString } from './chain-names';
export { syncIptablesRules, type KubeProxyInput, type KubeProxyTables } from './iptables-sync';
export { ipvsSchedule, KUBE_IPVS_DEVICE, syncIpvs, type IpvsInput, type IpvsLookup, type IpvsPick, type IpvsScheduler, type IpvsState, type RealServer, type VirtualServer } from './ipvs';
export { formatListAddress, formatRuleListExtras, formatRuleSave } from './netfilter/format-rule';
export { ipvsNodeTables, kubeletOnlyNodeTables, nodeTables, type NodeTables } from './netfilter/node-tables';
export { buildIpsets, IPSET_INFO, ipsetTest, type IpSet, type IpsetType, type NodeIpsets } from './ipsets';
export { syncIpvsIptablesRules, type IpvsIptables } from './ipvs-rules';
export { parseRule, RuleParseError } from './netfilter/parse-rule';
export type { Chain, Match, Rule, Table, TableName, Target } from './netfilter/rule';
export { ChainWalkError, MAX_CHAIN_DEPTH, walkChain, type MatchedRule, type Packet, type RecentLists, type StatisticDraw, type WalkContext, type WalkResult, type WalkVerdict } from './netfilter/walk';
export { formatKernelProbability, kubeProxyProbability, statisticFixedPoint } from './probability';
export { renderRestorePayload } from './restore-payload';
export { localReadyEndpoints, serveServiceHealth, serviceHealthBody, serviceHealthServers, type ServiceHealthServer } from './service-health';
export { buildServicePorts, categorizeEndpoints, type EndpointInfo, type ServicePortInfo } from './service-ports';
export * from './types';
