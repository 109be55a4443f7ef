// What Felix keeps in one node's kernel, from the cluster as it is now: its static filter and nat
// chains, the dispatch and per-workload chains for the pods on this node, the chains of the
// NetworkPolicies that select them (only chains something jumps to: Felix programs referenced
// chains only), and its IP sets — the pools (`cali40all-ipam-pools`, `cali40masq-ipam-pools`, which
// nat-outgoing matches), the hosts (`cali40all-hosts-net`, for the IP-in-IP rules) and one per
// selector a rule uses. calico.yaml's default IPPool has natOutgoing: true; its CIDR is the
// cluster's pod network (CALICO_IPV4POOL_CIDR), which each node's podCIDR block comes from.

import type { Cluster } from '../../../cluster/cluster';
import { POD_NETWORK_CIDR } from '../../../core/cluster-plan';
import type { NetworkPolicy } from '../../../kube/network-policy';
import { namespaced } from '../../../kube/namespaced';
import type { IpSet } from '../../kube-proxy';
import { selectorMatches } from '../../policy/label-selector';
import type { CniNetfilter } from '../cni-plugin';
import { endpointMarkChains, workloadChains, type FelixWorkload } from './felix-endpoints';
import { appliesIn, felixPolicyName, policyChain, policyChainName as chainNameOf, policyGroupChain, selectorKey, type FelixEndpoint, type PolicyContext } from './felix-policy';
import { felixFilterStatic, felixNatStatic, IPSET_ALL_HOSTS, IPSET_ALL_POOLS, IPSET_MASQ_POOLS, IPSET_THIS_HOST } from './felix-static';
import { calicoVethName } from './veth-name';
import type { Chain } from '../../kube-proxy';

const poolSet = (name: string, members: string[]): IpSet => ({ name, type: 'hash:net', comment: '', maxelem: 1048576, members });

export function felixNetfilter(cluster: Cluster, node: string, ipip: boolean, ipvs: boolean): CniNetfilter {
  const nsLabels = new Map(cluster.list('namespaces').map((n) => [n.metadata.name, n.metadata.labels ?? {}]));
  const pods = cluster.list('pods').filter((p) => !p.spec.hostNetwork && p.spec.nodeName && p.status.podIP);
  const endpoints: FelixEndpoint[] = pods.map((p) => ({
    namespace: p.metadata.namespace ?? 'default',
    ip: p.status.podIP ?? '',
    labels: p.metadata.labels ?? {},
    namespaceLabels: nsLabels.get(p.metadata.namespace ?? 'default') ?? {},
    ports: p.spec.containers.flatMap((c) => (c.ports ?? []).map((cp) => ({ ...(cp.name ? { name: cp.name } : {}), port: cp.containerPort, protocol: cp.protocol ?? 'TCP' }))),
  }));
  const policies = [...(namespaced(cluster.list('networkpolicies')) as NetworkPolicy[])].sort((a, b) => (felixPolicyName(a) < felixPolicyName(b) ? -1 : 1));
  const ctx: PolicyContext = { endpoints, matches: (s, l) => selectorMatches(s, l), sets: new Map() };
  const policyChains = new Map<string, Chain>();

  /** The chains a workload jumps to for one direction: a policy's own, or its group's. */
  const chainsFor = (namespace: string, labels: Readonly<Record<string, string>>, dir: 'ingress' | 'egress'): string[] => {
    const applying = policies.filter((p) => p.metadata.namespace === namespace && appliesIn(p, dir) && selectorMatches(p.spec.podSelector, labels));
    const names: string[] = [];
    for (let i = 0; i < applying.length; ) {
      let j = i + 1;
      while (j < applying.length && selectorKey(applying[j]) === selectorKey(applying[i])) j++;
      const group = applying.slice(i, j);
      for (const p of group) {
        const c = policyChain(p, dir, ctx);
        policyChains.set(c.name, c);
      }
      if (group.length === 1) names.push(chainNameOf(dir, group[0]));
      else {
        const g = policyGroupChain(group, dir);
        policyChains.set(g.name, g);
        names.push(g.name);
      }
      i = j;
    }
    return names;
  };

  const workloads: FelixWorkload[] = pods
    .filter((p) => p.spec.nodeName === node)
    .map((p) => {
      const namespace = p.metadata.namespace ?? 'default';
      const labels = p.metadata.labels ?? {};
      return { iface: calicoVethName(namespace, p.metadata.name), namespace, serviceAccount: p.spec.serviceAccountName || 'default', ingress: chainsFor(namespace, labels, 'ingress'), egress: chainsFor(namespace, labels, 'egress') };
    });

  const options = { ipip, ipvs, natOutgoing: true };
  const filter = felixFilterStatic(options);
  const nat = felixNatStatic(options);
  const hosts = cluster.list('nodes').map((n) => n.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '').filter((a) => a !== '');
  const ipsets: IpSet[] = [
    ...(ipip ? [poolSet(IPSET_ALL_HOSTS, [...hosts].sort())] : []),
    poolSet(IPSET_ALL_POOLS, [POD_NETWORK_CIDR]),
    poolSet(IPSET_MASQ_POOLS, [POD_NETWORK_CIDR]),
    ...[...ctx.sets.values()].sort((a, b) => (a.name < b.name ? -1 : 1)),
    // The host's own addresses, which the IPVS forward check tells from Service addresses (hash:ip).
    ...(ipvs ? [{ name: IPSET_THIS_HOST, type: 'hash:ip' as const, comment: '', maxelem: 1048576, members: thisHost(cluster, node, ipip) }] : []),
  ];
  return {
    filter: { chains: [...filter.chains, ...workloadChains(workloads), ...(ipvs ? endpointMarkChains(workloads) : []), ...policyChains.values()], insert: filter.insert, append: filter.append },
    nat: { chains: nat.chains, insert: nat.insert },
    ipsets,
    masquerade: { 'cali-nat-outgoing': "the IPPool has natOutgoing: a pod address leaving Calico's pools", 'cali-POSTROUTING': 'a node address other than the tunnel\'s, sent into the tunnel' },
    policyChainPrefix: 'cali-',
  };
}

/** The node's address and, with IP-in-IP, its tunnel address (the first of its block). */
function thisHost(cluster: Cluster, node: string, ipip: boolean): string[] {
  const n = cluster.get('nodes', undefined, node);
  const ip = n?.status.addresses.find((a) => a.type === 'InternalIP')?.address;
  const tunnel = ipip && n?.spec.podCIDR ? n.spec.podCIDR.split('/')[0] : undefined;
  return [ip, tunnel].filter((a): a is string => !!a).sort();
}
