// `kubectl describe networkpolicy`: describe.go describeNetworkPolicy and its prose rendering of
// the spec ("Allowing ingress traffic:", "To Port:", "From:", "----------" between rules,
// "Not affecting egress traffic"), indentation included. No Events section: that describer
// never looks them up.

import type { NetworkPolicy } from '../../../../kube/types';
import type { NetworkPolicyPeer, NetworkPolicyPort } from '../../../../kube/network-policy';
import { DescribeWriter, LEVEL_0, LEVEL_1, LEVEL_2 } from './describe-writer';
import { formatLabelSelector, goTimeString, printAnnotationsMultiline, printLabelsMultiline } from './describe-format';

const INDENT = '    ';

export function describeNetworkPolicy(np: NetworkPolicy): string {
  const w = new DescribeWriter();
  const spec = np.spec;
  w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
  w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace}\n`);
  w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabelsMultiline(w, 'Labels', np.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', np.metadata.annotations);
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const selector = spec.podSelector;
  if (!Object.keys(selector.matchLabels ?? {}).length && !selector.matchExpressions?.length) {
    w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  } else {
    w.write(LEVEL_2, `${formatLabelSelector(selector)}\n`);
  }
  const types = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    printRules(w, (spec.ingress ?? []).map((r) => ({ ports: r.ports, peers: r.from })), 'ingress');
  } else {
    w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  }
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    printRules(w, (spec.egress ?? []).map((r) => ({ ports: r.ports, peers: r.to })), 'egress');
  } else {
    w.write(LEVEL_1, 'Not affecting egress traffic\n');
  }
  w.write(LEVEL_1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
  return w.done();
}

interface Rule {
  ports: readonly NetworkPolicyPort[] | undefined;
  peers: readonly NetworkPolicyPeer[] | undefined;
}

/** printNetworkPolicySpecIngressFrom / printNetworkPolicySpecEgressTo: the two differ only in words. */
function printRules(w: DescribeWriter, rules: readonly Rule[], direction: 'ingress' | 'egress'): void {
  const peerWord = direction === 'ingress' ? 'From' : 'To';
  if (rules.length === 0) {
    w.write(LEVEL_0, `${INDENT}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    if (!rule.ports?.length) {
      w.write(LEVEL_0, `${INDENT}To Port: <any> (traffic allowed to all ports)\n`);
    } else {
      for (const port of rule.ports) {
        const proto = port.protocol ?? 'TCP';
        // `%s` of a nil *IntOrString prints <nil>.
        const value = port.port === undefined ? '<nil>' : String(port.port);
        if (port.endPort === undefined) w.write(LEVEL_0, `${INDENT}To Port: ${value}/${proto}\n`);
        else w.write(LEVEL_0, `${INDENT}To Port Range: ${value}-${port.endPort}/${proto}\n`);
      }
    }
    if (!rule.peers?.length) {
      const what = direction === 'ingress' ? 'traffic not restricted by source' : 'traffic not restricted by destination';
      w.write(LEVEL_0, `${INDENT}${peerWord}: <any> (${what})\n`);
    } else {
      for (const peer of rule.peers) {
        w.write(LEVEL_0, `${INDENT}${peerWord}:\n`);
        if (peer.podSelector && peer.namespaceSelector) {
          w.write(LEVEL_1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
          w.write(LEVEL_1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        } else if (peer.podSelector) {
          w.write(LEVEL_1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        } else if (peer.namespaceSelector) {
          w.write(LEVEL_1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        } else if (peer.ipBlock) {
          w.write(LEVEL_1, `${INDENT}IPBlock:\n`);
          w.write(LEVEL_2, `${INDENT}CIDR: ${peer.ipBlock.cidr}\n`);
          w.write(LEVEL_2, `${INDENT}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
        }
      }
    }
    if (i !== rules.length - 1) w.write(LEVEL_0, `${INDENT}----------\n`);
  });
}
