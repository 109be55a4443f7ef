// What flanneld's `--ip-masq` (kube-flannel.yml passes it) keeps on each node: FLANNEL-POSTRTG in
// nat, appended to POSTROUTING after kube-proxy's jump, which leaves pod-to-pod traffic alone and
// masquerades pod traffic leaving the cluster network (and host traffic into it); FLANNEL-FWD in
// filter, which accepts forwarding to and from the cluster network whatever FORWARD's policy.
// Source: flannel-io/flannel pkg/trafficmngr/iptables/iptables.go (masqRules: the rules and their
// order, `--random-fully` where iptables supports it; forwardRules), pkg/trafficmngr/trafficmngr.go
// (KubeProxyMark 0x4000/0x4000: what kube-proxy marks is left to KUBE-POSTROUTING).

import type { Cluster } from '../../../cluster/cluster';
import { POD_NETWORK_CIDR } from '../../../core/cluster-plan';
import { parseRule } from '../../kube-proxy';
import type { CniNetfilter } from '../cni-plugin';

const MASQ = ['-m', 'comment', '--comment', 'flanneld masq'];
const FWD = ['-m', 'comment', '--comment', 'flanneld forward'];

export function flannelIpMasq(cluster: Cluster, node: string): CniNetfilter {
  const podCidr = cluster.get('nodes', undefined, node)?.spec.podCIDR;
  const cluster_ = POD_NETWORK_CIDR;
  const post = (args: string[]) => parseRule('FLANNEL-POSTRTG', args);
  const rules = [
    post(['-m', 'mark', '--mark', '0x4000/0x4000', ...MASQ, '-j', 'RETURN']),
    ...(podCidr
      ? [post(['-s', podCidr, '-d', cluster_, ...MASQ, '-j', 'RETURN']), post(['-s', cluster_, '-d', podCidr, ...MASQ, '-j', 'RETURN']), post(['!', '-s', cluster_, '-d', podCidr, ...MASQ, '-j', 'RETURN'])]
      : []),
    post(['-s', cluster_, '!', '-d', '224.0.0.0/4', ...MASQ, '-j', 'MASQUERADE', '--random-fully']),
    post(['!', '-s', cluster_, '-d', cluster_, ...MASQ, '-j', 'MASQUERADE', '--random-fully']),
  ];
  return {
    nat: { chains: [{ name: 'FLANNEL-POSTRTG', rules }], append: { POSTROUTING: [parseRule('POSTROUTING', [...MASQ, '-j', 'FLANNEL-POSTRTG'])] } },
    filter: {
      chains: [{ name: 'FLANNEL-FWD', rules: [parseRule('FLANNEL-FWD', ['-s', cluster_, ...FWD, '-j', 'ACCEPT']), parseRule('FLANNEL-FWD', ['-d', cluster_, ...FWD, '-j', 'ACCEPT'])] }],
      append: { FORWARD: [parseRule('FORWARD', [...FWD, '-j', 'FLANNEL-FWD'])] },
    },
    masquerade: { 'FLANNEL-POSTRTG': 'flanneld --ip-masq: pod traffic leaving the cluster network' },
  };
}
