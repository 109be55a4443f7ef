// The chains every Felix (v3.30, iptables dataplane, calico.yaml's defaults: IP-in-IP or not, no
// host endpoints, no WireGuard, kube-proxy in iptables mode) keeps on a node whatever the
// workloads, and the rules it inserts into and appends to the built-in chains.
// Source: projectcalico/calico v3.30.3 felix/rules/static.go (StaticFilterForwardChains,
// filterInputChain, filterWorkloadToHostChain, filterOutputChain, StaticFilterForwardAppendRules,
// StaticNATPreroutingChains, StaticNATPostroutingChains, StaticNATOutputChains), nat.go
// (NATOutgoingChain: the pools' MASQUERADE), felix/dataplane/linux/int_dataplane.go (the jumps from
// the kernel chains). DefaultEndpointToHostAction is ACCEPT, the filter allow action ACCEPT and the
// deny action DROP (calico.yaml leaves them at Felix's defaults).

import type { Chain, Rule } from '../../kube-proxy';
import { ALL_CALICO_MARKS, clearMark, felixChain, felixRules, goto, jump, MARK_ACCEPT, markClear, markSet, setMark, type FelixRule } from './felix-rules';

export const IPSET_ALL_POOLS = 'cali40all-ipam-pools';
export const IPSET_MASQ_POOLS = 'cali40masq-ipam-pools';
export const IPSET_ALL_HOSTS = 'cali40all-hosts-net';

export const IPSET_THIS_HOST = 'cali40this-host';
/** Felix's endpoint-mark bits (IptablesMarkMask less the four policy bits) and the mark of a non-Calico endpoint. */
export const MARK_ENDPOINT = 0xfff00000;
export const MARK_NON_CALI_ENDPOINT = 0x100000;

export interface FelixStaticOptions {
  ipip: boolean;
  /** kube-proxy runs IPVS (Felix sees kube-ipvs0): KubeIPVSSupportEnabled's forward check in cali-INPUT. */
  ipvs: boolean;
  /** The IPPool's natOutgoing (calico.yaml's default pool: true). */
  natOutgoing: boolean;
}

const ACCEPT = '--jump ACCEPT';
const hex = (n: number) => `0x${n.toString(16)}`;
const DROP = '--jump DROP';

export function felixFilterStatic(o: FelixStaticOptions): { chains: Chain[]; insert: Record<string, Rule[]>; append: Record<string, Rule[]> } {
  const forward: FelixRule[] = [
    // Clears every Calico bit but accept, which raw/mangle may have set.
    { action: clearMark(ALL_CALICO_MARKS & ~MARK_ACCEPT) },
    { match: [markClear(MARK_ACCEPT)], action: jump('cali-from-hep-forward') },
    { match: ['--in-interface cali+'], action: jump('cali-from-wl-dispatch') },
    { match: ['--out-interface cali+'], action: jump('cali-to-wl-dispatch') },
    { action: jump('cali-to-hep-forward') },
    { action: jump('cali-cidr-block') },
  ];
  const input: FelixRule[] = [
    ...(o.ipip
      ? [
          { match: ['-p 4', `-m set --match-set ${IPSET_ALL_HOSTS} src`, '-m addrtype --dst-type LOCAL'], action: ACCEPT, comments: ['Allow IPIP packets from Calico hosts'] },
          { match: ['-p 4'], action: DROP, comments: ['Drop IPIP packets from non-Calico hosts'] },
        ]
      : []),
    // With IPVS every packet for a Service crosses INPUT: those that IPVS will forward (to a Service
    // address, not one of the host's own) only get an endpoint mark here and go on to kube-proxy's chains.
    ...(o.ipvs ? [{ action: clearMark(MARK_ENDPOINT) }, { action: jump('cali-forward-check') }, { match: [`-m mark ! --mark 0/${hex(MARK_ENDPOINT)}`], action: '--jump RETURN' }] : []),
    { match: ['--in-interface cali+'], action: goto('cali-wl-to-host') },
    { match: [markSet(MARK_ACCEPT)], action: ACCEPT },
    { action: clearMark(ALL_CALICO_MARKS) },
    { action: jump('cali-from-host-endpoint') },
    { match: [markSet(MARK_ACCEPT)], action: ACCEPT, comments: ['Host endpoint policy accepted packet.'] },
  ];
  const output: FelixRule[] = [
    { match: [markSet(MARK_ACCEPT)], action: ACCEPT },
    { match: ['--out-interface cali+'], action: '--jump RETURN' },
    ...(o.ipip ? [{ match: ['-p 4', `-m set --match-set ${IPSET_ALL_HOSTS} dst`, '-m addrtype --src-type LOCAL'], action: ACCEPT, comments: ['Allow IPIP packets to other Calico hosts'] }] : []),
    { action: clearMark(ALL_CALICO_MARKS) },
    { match: ['-m conntrack ! --ctstate DNAT'], action: jump('cali-to-host-endpoint') },
    { match: [markSet(MARK_ACCEPT)], action: ACCEPT, comments: ['Host endpoint policy accepted packet.'] },
  ];
  const wlToHost: FelixRule[] = [
    { action: jump('cali-from-wl-dispatch') },
    { action: ACCEPT, comments: ['Configured DefaultEndpointToHostAction'] },
  ];
  const empty = (name: string): Chain => ({ name, rules: [] });
  // static.go StaticFilterInputForwardCheckChain, with kube-proxy's default NodePort range.
  const forwardCheck: FelixRule[] = [
    { match: ['-m conntrack --ctstate RELATED,ESTABLISHED'], action: '--jump RETURN' },
    { match: ['-p tcp', '-m multiport --destination-ports 30000:32767', `-m set --match-set ${IPSET_THIS_HOST} dst`], action: goto('cali-set-endpoint-mark'), comments: ['To kubernetes NodePort service'] },
    { match: ['-p udp', '-m multiport --destination-ports 30000:32767', `-m set --match-set ${IPSET_THIS_HOST} dst`], action: goto('cali-set-endpoint-mark'), comments: ['To kubernetes NodePort service'] },
    { match: [`-m set ! --match-set ${IPSET_THIS_HOST} dst`], action: jump('cali-set-endpoint-mark'), comments: ['To kubernetes service'] },
  ];
  return {
    chains: [
      ...(o.ipvs ? [felixChain('cali-forward-check', forwardCheck)] : []),
      felixChain('cali-FORWARD', forward),
      felixChain('cali-INPUT', input),
      felixChain('cali-OUTPUT', output),
      felixChain('cali-wl-to-host', wlToHost),
      // No host endpoints and no CIDR loops to block: Felix still references these, empty.
      empty('cali-cidr-block'),
      empty('cali-from-hep-forward'),
      empty('cali-from-host-endpoint'),
      empty('cali-to-hep-forward'),
      empty('cali-to-host-endpoint'),
    ],
    insert: {
      INPUT: felixRules('INPUT', [{ action: jump('cali-INPUT') }]),
      FORWARD: felixRules('FORWARD', [{ action: jump('cali-FORWARD') }]),
      OUTPUT: felixRules('OUTPUT', [{ action: jump('cali-OUTPUT') }]),
    },
    append: {
      // Forwarded traffic a policy accepted (the accept bit, set by a workload's chain) is accepted
      // once kube-proxy's chains had their say; the mark then tells mangle POSTROUTING it was forwarded.
      FORWARD: felixRules('FORWARD', [{ match: [markSet(MARK_ACCEPT)], action: ACCEPT, comments: ['Policy explicitly accepted packet.'] }, { action: setMark(MARK_ACCEPT) }], true),
    },
  };
}

export function felixNatStatic(o: FelixStaticOptions): { chains: Chain[]; insert: Record<string, Rule[]> } {
  const postrouting: FelixRule[] = [
    { action: jump('cali-fip-snat') },
    { action: jump('cali-nat-outgoing') },
    // A node's own packet routed into the tunnel from another of its addresses takes the tunnel's address.
    ...(o.ipip ? [{ match: ['--out-interface tunl0', '-m addrtype ! --src-type LOCAL --limit-iface-out', '-m addrtype --src-type LOCAL'], action: '--jump MASQUERADE --random-fully' }] : []),
  ];
  // nat.go NATOutgoingChain: pod traffic from a natOutgoing pool to anywhere outside every pool.
  const natOutgoing: FelixRule[] = o.natOutgoing ? [{ match: [`-m set --match-set ${IPSET_MASQ_POOLS} src`, `-m set ! --match-set ${IPSET_ALL_POOLS} dst`], action: '--jump MASQUERADE --random-fully' }] : [];
  return {
    chains: [
      felixChain('cali-OUTPUT', [{ action: jump('cali-fip-dnat') }]),
      felixChain('cali-POSTROUTING', postrouting),
      felixChain('cali-PREROUTING', [{ action: jump('cali-fip-dnat') }]),
      { name: 'cali-fip-dnat', rules: [] },
      { name: 'cali-fip-snat', rules: [] },
      felixChain('cali-nat-outgoing', natOutgoing),
    ],
    insert: {
      PREROUTING: felixRules('PREROUTING', [{ action: jump('cali-PREROUTING') }]),
      OUTPUT: felixRules('OUTPUT', [{ action: jump('cali-OUTPUT') }]),
      POSTROUTING: felixRules('POSTROUTING', [{ action: jump('cali-POSTROUTING') }]),
    },
  };
}
