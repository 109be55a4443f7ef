// The upstream NetworkPolicy e2e suite, re-expressed as truth tables over the engine.
// Source: kubernetes/kubernetes test/e2e/network/netpol/network_policy.go (commit 008b3652959c…,
// GROUND-TRUTH §1.0). Each test names the upstream `f.It(...)` case, builds the same policies on
// the same pod subset, and states upstream's expectations with the same Reachability calls.
// A mismatch prints upstream's expected/observed/comparison tables.

import { describe, expect, it } from 'vitest';
import { NAMESPACE_NAME_LABEL, type PolicyWorld } from './evaluate';
import { probeAll, Reachability } from './reachability';
import type { LabelSelector, NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, Protocol } from '../../kube/network-policy';
import { modelNamespace, modelPod, modelPodIP, modelWorld } from './upstream-e2e-model';

const NS = NAMESPACE_NAME_LABEL;

/** Upstream's GenNetworkPolicyWithNameAndPodSelector + SetSpecIngressRules / SetSpecEgressRules. */
function policy(
  name: string,
  podSelector: LabelSelector,
  rules: { ingress?: NetworkPolicyIngressRule[]; egress?: NetworkPolicyEgressRule[] },
  namespace = 'x',
): NetworkPolicy {
  const policyTypes = [...(rules.ingress ? ['Ingress' as const] : []), ...(rules.egress ? ['Egress' as const] : [])];
  return { metadata: { name, namespace }, spec: { podSelector, policyTypes, ...rules } };
}

const podA: LabelSelector = { matchLabels: { pod: 'a' } };
const all: LabelSelector = {};

function validate(world: PolicyWorld, reachability: Reachability, port: number, protocol: Protocol = 'TCP') {
  const result = probeAll(world, reachability, port, protocol);
  expect(result.mismatches, result.report).toEqual([]);
}

function reach(pods: string[]) {
  return new Reachability(pods, true);
}

describe("upstream netpol e2e: 'NetworkPolicy between server and client' (TCP)", () => {
  it("should support a 'default-deny-ingress' policy", () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b'];
    const world = modelWorld(pods, [policy('deny-ingress', all, { ingress: [] })]);
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false), 80);
  });

  it("should support a 'default-deny-all' policy", () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [policy('deny-all', all, { ingress: [], egress: [] })]);
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false).expectPeer({ namespace: 'x' }, {}, false), 80);
  });

  it('should enforce policy to allow traffic from pods within server namespace based on PodSelector', () => {
    const pods = ['x/a', 'x/b', 'x/c', 'y/a'];
    const world = modelWorld(pods, [policy('x-a-allows-x-b', podA, { ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }] })]);
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('x/b', 'x/a', true), 80);
  });

  it('should enforce policy to allow ingress traffic for a target', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [
      policy('deny-all', all, { ingress: [] }),
      policy('allow-all-to-a', podA, { ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }),
    ]);
    validate(world, reach(pods).expectAllIngress('x/a', true).expectAllIngress('x/b', false), 80);
  });

  it('should enforce policy to allow ingress traffic from pods in all namespaces', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [policy('allow-from-another-ns', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: {} } }] }] })]);
    validate(world, reach(pods), 80);
  });

  it('should enforce policy to allow traffic only from a different namespace, based on NamespaceSelector', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [policy('allow-client-a-via-ns-selector', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } } }] }] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 80);
  });

  it('should enforce policy based on PodSelector with MatchExpressions', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [
      policy('x-a-allows-x-b', podA, { ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] }),
    ]);
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('x/b', 'x/a', true), 80);
  });

  it('should enforce policy based on NamespaceSelector with MatchExpressions', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [
      policy('allow-ns-y-match-selector', podA, { ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NS, operator: 'In', values: ['y'] }] } }] }] }),
    ]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 80);
  });

  it('should enforce policy based on PodSelector or NamespaceSelector', () => {
    const pods = ['x/a', 'x/b', 'x/c', 'y/a'];
    const world = modelWorld(pods, [
      policy('allow-ns-y-match-selector', podA, {
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NS, operator: 'NotIn', values: ['x'] }] } }, { podSelector: { matchLabels: { pod: 'b' } } }] }],
      }),
    ]);
    validate(world, reach(pods).expect('x/a', 'x/a', false).expect('x/c', 'x/a', false), 80);
  });

  it('should enforce policy based on PodSelector and NamespaceSelector', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/b'];
    const world = modelWorld(pods, [
      policy('allow-ns-y-podselector-and-nsselector', podA, {
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NS, operator: 'NotIn', values: ['x'] }] }, podSelector: { matchLabels: { pod: 'b' } } }] }],
      }),
    ]);
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('y/b', 'x/a', true).expect('z/b', 'x/a', true), 80);
  });

  it('should enforce policy based on Multiple PodSelectors and NamespaceSelectors', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'y/c'];
    const world = modelWorld(pods, [
      policy('allow-ns-y-z-pod-b-c', podA, {
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NS, operator: 'NotIn', values: ['x'] }] }, podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] } }] }],
      }),
    ]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expect('y/a', 'x/a', false), 80);
  });

  it('should enforce policy based on any PodSelectors', () => {
    const pods = ['x/a', 'x/b', 'x/c'];
    const world = modelWorld(pods, [
      policy('allow-ns-x-pod-b-c', podA, { ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }, { podSelector: { matchLabels: { pod: 'c' } } }] }] }),
    ]);
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('x/b', 'x/a', true).expect('x/c', 'x/a', true), 80);
  });

  it('should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'];
    const world = modelWorld(pods, [
      policy('allow-ns-y-pod-a-via-namespace-pod-selector', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } }, podSelector: { matchLabels: { pod: 'a' } } }] }] }),
    ]);
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('y/a', 'x/a', true), 80);
  });

  it('should enforce policy based on Ports', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'];
    const world = modelWorld(pods, [
      policy('allow-client-a-via-ns-selector', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } } }], ports: [{ port: 81, protocol: 'TCP' }] }] }),
    ]);
    const r = reach(pods)
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expectPeer({ namespace: 'y' }, { namespace: 'x', pod: 'a' }, true)
      .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false);
    validate(world, r, 81);
  });

  it('should enforce multiple, stacked policies with overlapping podSelectors', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b', 'z/a'];
    const allowY = { namespaceSelector: { matchLabels: { [NS]: 'y' } } };
    const world = modelWorld(pods, [policy('allow-client-a-via-ns-selector', podA, { ingress: [{ from: [allowY], ports: [{ port: 81, protocol: 'TCP' }] }] })]);
    const allow = reach(pods)
      .expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false)
      .expectPeer({ namespace: 'y' }, { namespace: 'x', pod: 'a' }, true)
      .expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false);
    validate(world, allow, 81);
    validate(world, reach(pods).expectAllIngress('x/a', false), 80);
    world.policies.push(policy('allow-client-a-via-ns-selector-80', podA, { ingress: [{ from: [allowY], ports: [{ port: 80, protocol: 'TCP' }] }] }));
    validate(world, allow, 80);
  });

  it('should support allow-all policy', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [policy('allow-all', { matchLabels: {} }, { ingress: [{}] })]);
    validate(world, reach(pods), 80);
    validate(world, reach(pods), 81);
  });

  it('should allow ingress access on one named port', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [policy('allow-all', { matchLabels: {} }, { ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })]);
    validate(world, reach(pods), 81);
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false), 80);
  });

  it('should allow ingress access from namespace on one named port', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [
      policy('allow-client-a-via-ns-selector-80', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } } }], ports: [{ port: 'serve-80-tcp', protocol: 'TCP' }] }] }),
    ]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 80);
    validate(world, reach(pods).expectAllIngress('x/a', false), 81);
  });

  it('should allow egress access on one named port', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('allow-egress', { matchLabels: {} }, { egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })]);
    validate(world, reach(pods), 80);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, {}, false), 81);
  });

  it('should enforce updated policy', () => {
    const pods = ['x/a', 'y/a'];
    const p = policy('allow-all-mutate-to-deny-all', { matchLabels: {} }, { ingress: [{}] });
    const world = modelWorld(pods, [p]);
    validate(world, reach(pods), 81);
    world.policies[0] = { ...p, spec: { ...p.spec, ingress: [] } }; // UpdatePolicy
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false), 81);
  });

  it('should allow ingress access from updated namespace', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('allow-client-a-via-ns-selector', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] })]);
    validate(world, reach(pods).expectAllIngress('x/a', false), 80);
    world.namespaces = world.namespaces.map((n) => (n.metadata.name === 'y' ? modelNamespace('y', { ns2: 'updated' }) : n)); // AddNamespaceLabel
    validate(world, reach(pods).expectAllIngress('x/a', false).expectPeer({ namespace: 'y' }, {}, true), 80);
  });

  it('should allow ingress access from updated pod', () => {
    const pods = ['x/a', 'x/b'];
    const world = modelWorld(pods, [policy('allow-client-a-via-pod-selector', podA, { ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }] })]);
    validate(world, reach(pods).expectAllIngress('x/a', false), 80);
    world.pods[1] = modelPod('x', 'b', { pod2: 'updated' }); // AddPodLabels
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('x/b', 'x/a', true), 80);
  });

  it('should deny ingress from pods on other namespaces', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [policy('deny-empty-policy', all, { ingress: [{ from: [{ podSelector: { matchLabels: {} } }] }] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'y' }, { namespace: 'x' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x' }, false), 80);
  });

  it('should deny ingress access to updated pod', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('deny-ingress-via-label-selector', { matchLabels: { target: 'isolated' } }, { ingress: [] })]);
    validate(world, reach(pods), 80);
    world.pods[0] = modelPod('x', 'a', { target: 'isolated' });
    validate(world, reach(pods).expectAllIngress('x/a', false), 80);
  });

  it('should deny egress from pods based on PodSelector', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [policy('deny-egress-pod-a', podA, { egress: [] })]);
    validate(world, reach(pods).expectAllEgress('x/a', false), 80);
  });

  it('should deny egress from all pods in a namespace', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [policy('deny-egress-ns-x', all, { egress: [] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, {}, false), 80);
  });

  it('should work with Ingress, Egress specified together', () => {
    const pods = ['x/a', 'x/b', 'x/c', 'y/a'];
    const world = modelWorld(pods, [
      policy('allow-client-a-via-pod-selector', podA, { ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b' } } }] }], egress: [{ ports: [{ port: 80 }] }] }),
    ]);
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('x/b', 'x/a', true), 80);
    validate(world, reach(pods).expectAllIngress('x/a', false).expectAllEgress('x/a', false).expect('x/b', 'x/a', true), 81);
  });

  it('should support denying of egress traffic on the client side (even if the server explicitly allows this traffic)', () => {
    const pods = ['x/a', 'y/a', 'y/b'];
    const fromXa = { namespaceSelector: { matchLabels: { [NS]: 'x' } }, podSelector: { matchLabels: { pod: 'a' } } };
    const world = modelWorld(pods, [
      policy('allow-to-ns-y-pod-a', podA, { egress: [{ to: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } }, podSelector: { matchLabels: { pod: 'a' } } }] }] }),
      policy('allow-from-xa-on-ya-match-selector', podA, { ingress: [{ from: [fromXa] }] }, 'y'),
      policy('allow-from-xa-on-yb-match-selector', { matchLabels: { pod: 'b' } }, { ingress: [{ from: [fromXa] }] }, 'y'),
    ]);
    const r = reach(pods)
      .expectPeer({ namespace: 'x', pod: 'a' }, {}, false)
      .expectPeer({}, { namespace: 'y', pod: 'a' }, false)
      .expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y', pod: 'a' }, true)
      .expectPeer({}, { namespace: 'y', pod: 'b' }, false);
    validate(world, r, 80);
  });

  it('should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector', () => {
    const pods = ['x/a', 'y/a', 'y/b'];
    const world = modelWorld(pods, [
      policy('allow-to-ns-y-pod-a', podA, { egress: [{ to: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } }, podSelector: { matchLabels: { pod: 'a' } } }] }] }),
    ]);
    validate(world, reach(pods).expectAllEgress('x/a', false).expect('x/a', 'y/a', true), 80);
  });

  it('should enforce ingress policy allowing any port traffic to a server on a specific protocol', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('allow-ingress-by-proto', podA, { ingress: [{ ports: [{ protocol: 'TCP' }] }] })]);
    validate(world, reach(pods), 80, 'TCP');
    validate(world, reach(pods).expectPeer({}, { namespace: 'x', pod: 'a' }, false), 80, 'UDP');
  });

  it('should enforce multiple ingress policies with ingress allow-all policy taking precedence', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('allow-ingress-port-80', { matchLabels: {} }, { ingress: [{ ports: [{ port: 80 }] }] })]);
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false), 81);
    world.policies.push(policy('allow-ingress', { matchLabels: {} }, { ingress: [{}] }));
    validate(world, reach(pods), 81);
  });

  it('should enforce multiple egress policies with egress allow-all policy taking precedence', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('allow-egress-port-80', { matchLabels: {} }, { egress: [{ ports: [{ port: 80 }] }] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, {}, false), 81);
    world.policies.push(policy('allow-egress', { matchLabels: {} }, { egress: [{}] }));
    validate(world, reach(pods), 81);
  });

  it('should stop enforcing policies after they are deleted', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('deny-all', all, { ingress: [], egress: [] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, {}, false).expectPeer({}, { namespace: 'x' }, false), 80);
    world.policies.length = 0; // cleanNetworkPolicies
    validate(world, reach(pods), 80);
  });

  it('should allow egress access to server in CIDR block', () => {
    const pods = ['x/a', 'y/a', 'y/b'];
    const world = modelWorld(pods, [policy('allow-client-a-via-cidr-egress-rule', podA, { egress: [{ to: [{ ipBlock: { cidr: `${modelPodIP('y', 'b')}/32` } }] }] })]);
    validate(world, reach(pods).expectAllEgress('x/a', false).expect('x/a', 'y/b', true), 80);
  });

  it('should enforce except clause while egress access to server in CIDR block', () => {
    const pods = ['x/a', 'x/b', 'x/c'];
    // makeLargeCIDRForIP: the /4 around x/b's IP (10.244.1.11) is 0.0.0.0/4.
    const world = modelWorld(pods, [
      policy('allow-client-a-via-cidr-egress-rule', podA, { egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${modelPodIP('x', 'b')}/32`] } }] }] }),
    ]);
    validate(world, reach(pods).expect('x/a', 'x/b', false), 80);
  });

  it('should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed', () => {
    const pods = ['x/a', 'x/b', 'x/c'];
    const world = modelWorld(pods, [
      policy('allow-client-a-via-cidr-egress-rule', podA, { egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${modelPodIP('x', 'b')}/32`] } }] }] }),
    ]);
    validate(world, reach(pods).expect('x/a', 'x/b', false), 80);
    // UpdatePolicy with the same name replaces the rule with the /32 (GROUND-TRUTH §1.1 rule 8).
    world.policies[0] = policy('allow-client-a-via-cidr-egress-rule', podA, { egress: [{ to: [{ ipBlock: { cidr: `${modelPodIP('x', 'b')}/32` } }] }] });
    validate(world, reach(pods).expectAllEgress('x/a', false).expect('x/a', 'x/b', true), 80);
  });

  it('should enforce policies to check ingress and egress policies can be controlled independently based on PodSelector', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [policy('allow-egress-for-target', podA, { egress: [{}] })]);
    validate(world, reach(pods), 80);
    world.policies.push(policy('deny-ingress-via-label-selector', podA, { ingress: [] }));
    validate(world, reach(pods).expectAllIngress('x/a', false), 80);
  });

  it("should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP', even if the plugin doesn't support SCTP", () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [
      policy('deny-ingress', all, { ingress: [] }),
      policy('allow-only-sctp-ingress-on-port-81', podA, { ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] }),
    ]);
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false), 81);
  });

  it("should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin doesn't support SCTP", () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('allow-only-sctp-ingress-on-port-80', podA, { ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] })]);
    validate(world, reach(pods).expectAllIngress('x/a', false), 81);
  });

  it('should not allow access by TCP when a policy specifies only UDP', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('allow-only-udp-ingress-on-port-81', podA, { ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] })]);
    validate(world, reach(pods).expectAllIngress('x/a', false), 81);
  });

  it('should enforce policy to allow traffic based on NamespaceSelector with MatchLabels using default ns label', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [policy('allow-client-a-via-ns-selector-for-immutable-ns-label', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } } }] }] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 80);
  });

  it('should enforce policy based on NamespaceSelector with MatchExpressions using default ns label', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [
      policy('allow-ns-y-match-selector-for-immutable-ns-label', podA, { egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: NS, operator: 'NotIn', values: ['y'] }] } }] }] }),
    ]);
    validate(world, reach(pods).expectPeer({ namespace: 'x', pod: 'a' }, { namespace: 'y' }, false), 80);
  });
});

describe("upstream netpol e2e: 'NetworkPolicy between server and client using UDP'", () => {
  it("should support a 'default-deny-ingress' policy", () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b'];
    const world = modelWorld(pods, [policy('deny-all', all, { ingress: [] })]);
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false), 80, 'UDP');
  });

  it('should enforce policy based on Ports', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [policy('allow-ingress-on-port-81-ns-x', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } } }], ports: [{ port: 81, protocol: 'UDP' }] }] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 81, 'UDP');
  });

  it('should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector', () => {
    const pods = ['x/a', 'x/b', 'y/a'];
    const world = modelWorld(pods, [
      policy('allow-ns-y-pod-a-via-namespace-pod-selector', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } }, podSelector: { matchLabels: { pod: 'a' } } }] }] }),
    ]);
    validate(world, reach(pods).expectAllIngress('x/a', false).expect('y/a', 'x/a', true), 80, 'UDP');
  });
});

describe("upstream netpol e2e: 'NetworkPolicy between server and client using SCTP'", () => {
  it("should support a 'default-deny-ingress' policy", () => {
    const pods = ['x/a', 'x/b', 'y/a', 'y/b'];
    const world = modelWorld(pods, [policy('deny-all', all, { ingress: [] })]);
    validate(world, reach(pods).expectPeer({}, { namespace: 'x' }, false), 80, 'SCTP');
  });

  it('should enforce policy based on Ports', () => {
    const pods = ['x/a', 'x/b', 'y/a', 'z/a'];
    const world = modelWorld(pods, [policy('allow-ingress-on-port-81-ns-x', podA, { ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NS]: 'y' } } }], ports: [{ port: 81, protocol: 'SCTP' }] }] })]);
    validate(world, reach(pods).expectPeer({ namespace: 'x' }, { namespace: 'x', pod: 'a' }, false).expectPeer({ namespace: 'z' }, { namespace: 'x', pod: 'a' }, false), 81, 'SCTP');
  });
});

describe('reachability helper', () => {
  it("prints upstream's truth table ('-' corner, tab-separated, '.' connected, 'X' blocked)", () => {
    const r = new Reachability(['x/a', 'y/a'], true).expectAllIngress('x/a', false);
    expect(r.prettyPrint()).toBe('-\tx/a\ty/a\nx/a\tX\t.\ny/a\tX\t.');
  });

  it('reports a mismatch with expected, observed and comparison tables', () => {
    const pods = ['x/a', 'y/a'];
    const world = modelWorld(pods, [policy('deny-ingress', all, { ingress: [] })]);
    const result = probeAll(world, reach(pods), 80, 'TCP');
    expect(result.mismatches).toEqual([{ from: 'y/a', to: 'x/a', expected: true, observed: false }]);
    expect(result.report).toContain('comparison (X = mismatch):\n-\tx/a\ty/a\nx/a\t.\t.\ny/a\tX\t.');
  });
});
