// Single-flow semantics and the verdict's reasons. Facts from mattfenwick/cyclonus
// pkg/matcher/policy_tests.go (GROUND-TRUTH §1.3) and the rules of GROUND-TRUTH §1.1, each
// traced to the upstream e2e case or API doc that states it.

import { describe, expect, it } from 'vitest';
import { evaluate, type PolicyWorld } from './evaluate';
import type { NetworkPolicy, Pod, Protocol } from '../../kube/network-policy';
import type { Flow, FlowEndpoint } from './verdict';
import { modelNamespace, modelPod, modelWorld } from './upstream-e2e-model';

const pod = (ref: string): FlowEndpoint => {
  const [namespace, name] = ref.split('/');
  return { kind: 'pod', namespace, name };
};
const ext = (ip: string): FlowEndpoint => ({ kind: 'external', ip });
const flow = (src: FlowEndpoint, dst: FlowEndpoint, protocol: Protocol, port: number): Flow => ({ src, dst, protocol, port });

const ALL9 = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'];

describe('cyclonus pkg/matcher/policy_tests.go facts', () => {
  // "Allowing a protocol should implicitly deny other protocols"
  const sctpOnly: NetworkPolicy = {
    metadata: { namespace: 'x', name: 'allow-sctp' },
    spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'SCTP' }] }] },
  };
  const world = modelWorld(ALL9, [sctpOnly]);

  it('SCTP-only ingress rule: TCP/103 from a pod in y is blocked, SCTP/103 allowed', () => {
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 103), world).allowed).toBe(false);
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'SCTP', 103), world).allowed).toBe(true);
  });

  it('SCTP-only ingress rule: the same holds for an external source 1.2.3.4', () => {
    expect(evaluate(flow(ext('1.2.3.4'), pod('x/a'), 'TCP', 103), world).allowed).toBe(false);
    expect(evaluate(flow(ext('1.2.3.4'), pod('x/a'), 'SCTP', 103), world).allowed).toBe(true);
  });

  it('egress ipBlock 192.168.242.213/24 is normalised to the /24 and admits 192.168.242.249 on TCP/80', () => {
    const p: NetworkPolicy = {
      metadata: { namespace: 'x', name: 'egress-cidr' },
      spec: {
        podSelector: { matchLabels: { pod: 'a' } },
        policyTypes: ['Egress'],
        egress: [
          { ports: [{ protocol: 'TCP', port: 80 }], to: [{ podSelector: {} }, { ipBlock: { cidr: '192.168.242.213/24' } }] },
          { ports: [{ protocol: 'UDP', port: 53 }] },
        ],
      },
    };
    const w = modelWorld(['x/a'], [p]);
    const yPod: Pod = { ...modelPod('y', 'b'), status: { podIP: '192.168.242.249' } };
    w.pods.push(yPod);
    const v = evaluate(flow(pod('x/a'), pod('y/b'), 'TCP', 80), w);
    expect(v.allowed).toBe(true);
    expect(v.egress.allowedBy).toEqual({ policy: { namespace: 'x', name: 'egress-cidr' }, ruleIndex: 0 });
    expect(v.egress.rules[0].matchedPeerIndex).toBe(1); // the ipBlock, not podSelector {} (y/b is in another namespace)
  });

  it('ingress on a named port (port-hello) admits external 1.2.3.4 to the port the pod names so', () => {
    const p: NetworkPolicy = {
      metadata: { namespace: 'x', name: 'named' },
      spec: { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'port-hello', protocol: 'TCP' }] }] },
    };
    const w = modelWorld([], [p]);
    w.pods.push({ metadata: { namespace: 'x', name: 'a', labels: { pod: 'a' } }, spec: { containers: [{ name: 'c', ports: [{ name: 'port-hello', containerPort: 8080 }] }] }, status: { podIP: '10.244.1.10' } });
    expect(evaluate(flow(ext('1.2.3.4'), pod('x/a'), 'TCP', 8080), w).allowed).toBe(true);
    expect(evaluate(flow(ext('1.2.3.4'), pod('x/a'), 'TCP', 8081), w).allowed).toBe(false);
  });
});

describe('verdict reasons (stable IDs for grader, hints and trace)', () => {
  it('no policies: both directions not isolated', () => {
    const v = evaluate(flow(pod('x/a'), pod('y/a'), 'TCP', 80), modelWorld(ALL9));
    expect(v).toMatchObject({ allowed: true, reason: 'netpol.ingress.not_isolated', egress: { isolated: false, reason: 'netpol.egress.not_isolated' } });
  });

  it('default deny ingress: names the selecting policy and netpol.ingress.no_policy_allows', () => {
    const deny: NetworkPolicy = { metadata: { namespace: 'x', name: 'deny' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [] } };
    const v = evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 80), modelWorld(ALL9, [deny]));
    expect(v.allowed).toBe(false);
    expect(v.reason).toBe('netpol.ingress.no_policy_allows');
    expect(v.ingress).toMatchObject({ isolated: true, selectedBy: [{ namespace: 'x', name: 'deny' }], rules: [], pod: { namespace: 'x', name: 'a' } });
    expect(v.egress.reason).toBe('netpol.egress.not_isolated');
  });

  it('egress denial at the source decides even when ingress allows (GROUND-TRUTH §1.1 rule 2)', () => {
    const denyEgress: NetworkPolicy = { metadata: { namespace: 'x', name: 'deny-egress' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress: [] } };
    const v = evaluate(flow(pod('x/a'), pod('y/a'), 'TCP', 80), modelWorld(ALL9, [denyEgress]));
    expect(v).toMatchObject({ allowed: false, reason: 'netpol.egress.no_policy_allows', ingress: { allowed: true } });
  });

  it('allowed_by_rule names the policy and rule index; near misses show which half failed', () => {
    const p: NetworkPolicy = {
      metadata: { namespace: 'x', name: 'web' },
      spec: {
        podSelector: { matchLabels: { pod: 'a' } },
        policyTypes: ['Ingress'],
        ingress: [
          { from: [{ podSelector: { matchLabels: { pod: 'b' } } }], ports: [{ port: 81 }] },
          { from: [{ podSelector: { matchLabels: { pod: 'b' } } }], ports: [{ port: 80 }] },
        ],
      },
    };
    const v = evaluate(flow(pod('x/b'), pod('x/a'), 'TCP', 80), modelWorld(ALL9, [p]));
    expect(v.reason).toBe('netpol.ingress.allowed_by_rule');
    expect(v.ingress.allowedBy).toEqual({ policy: { namespace: 'x', name: 'web' }, ruleIndex: 1 });
    expect(v.ingress.rules[0]).toMatchObject({ peerMatched: true, portMatched: false, allows: false });
    const denied = evaluate(flow(pod('x/c'), pod('x/a'), 'TCP', 80), modelWorld(ALL9, [p]));
    expect(denied.ingress.rules.map((r) => [r.peerMatched, r.portMatched])).toEqual([[false, false], [false, true]]);
  });

  it('an external destination has no egress policy of its own: ingress is netpol.ingress.not_a_pod', () => {
    const v = evaluate(flow(pod('x/a'), ext('8.8.8.8'), 'UDP', 53), modelWorld(ALL9));
    expect(v.ingress.reason).toBe('netpol.ingress.not_a_pod');
  });
});

describe('GROUND-TRUTH §1.1 rules as single flows', () => {
  const ns = (name: string, spec: NetworkPolicy['spec'], namespace = 'x'): NetworkPolicy => ({ metadata: { namespace, name }, spec });

  it('rule 5: podSelector {} alone means every pod of the policy namespace only; namespaceSelector {} every namespace', () => {
    const sameNs = modelWorld(ALL9, [ns('p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] })]);
    expect(evaluate(flow(pod('x/b'), pod('x/a'), 'TCP', 80), sameNs).allowed).toBe(true);
    expect(evaluate(flow(pod('y/b'), pod('x/a'), 'TCP', 80), sameNs).allowed).toBe(false);
    const anyNs = modelWorld(ALL9, [ns('p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: {} }] }] })]);
    expect(evaluate(flow(pod('y/b'), pod('x/a'), 'TCP', 80), anyNs).allowed).toBe(true);
    // Selectors select pods only: an external client is not "every namespace".
    expect(evaluate(flow(ext('1.2.3.4'), pod('x/a'), 'TCP', 80), anyNs).allowed).toBe(false);
  });

  it('rule 4: ingress: [{}] allows all, including external clients', () => {
    const w = modelWorld(ALL9, [ns('p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] })]);
    expect(evaluate(flow(ext('203.0.113.9'), pod('x/a'), 'UDP', 9999), w).allowed).toBe(true);
  });

  it('rule 6: endPort makes an inclusive range', () => {
    const w = modelWorld(ALL9, [ns('p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 32000, endPort: 32768 }] }] })]);
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 32000), w).allowed).toBe(true);
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 32768), w).allowed).toBe(true);
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 32769), w).allowed).toBe(false);
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'UDP', 32000), w).allowed).toBe(false);
  });

  it('rule 6: a named port in an egress rule resolves on the remote server, and never matches an external IP', () => {
    const w = modelWorld(ALL9, [ns('p', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'serve-80-tcp' }] }] })]);
    expect(evaluate(flow(pod('x/a'), pod('y/b'), 'TCP', 80), w).allowed).toBe(true);
    expect(evaluate(flow(pod('x/a'), pod('y/b'), 'TCP', 81), w).allowed).toBe(false);
    expect(evaluate(flow(pod('x/a'), ext('1.1.1.1'), 'TCP', 80), w).allowed).toBe(false);
  });

  it('rule 8: an IP excepted by one policy but allowed by another is allowed (union)', () => {
    const w = modelWorld(ALL9, [
      ns('wide', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.2.0/24'] } }] }] }),
      ns('narrow', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ ipBlock: { cidr: '10.244.2.11/32' } }] }] }),
    ]);
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 80), w).allowed).toBe(false); // 10.244.2.10, excepted
    const v = evaluate(flow(pod('y/b'), pod('x/a'), 'TCP', 80), w); // 10.244.2.11
    expect(v.allowed).toBe(true);
    expect(v.ingress.allowedBy?.policy.name).toBe('narrow');
    expect(evaluate(flow(pod('z/a'), pod('x/a'), 'TCP', 80), w).allowed).toBe(true);
  });

  it('rule 9: namespace labels are read live; the kubernetes.io/metadata.name label is always present', () => {
    const p = ns('p', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'blue' } } }] }] });
    const world: PolicyWorld = { ...modelWorld(ALL9, [p]), namespaces: [{ metadata: { name: 'y' } }] };
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 80), world).allowed).toBe(false);
    const relabelled: PolicyWorld = { ...world, namespaces: [modelNamespace('y', { team: 'blue' })] };
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 80), relabelled).allowed).toBe(true);
    const byName = modelWorld(ALL9, [ns('q', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'y' } } }] }] })]);
    expect(evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 80), { ...byName, namespaces: [] }).allowed).toBe(true);
  });

  it('policyTypes defaulting: absent policyTypes with egress rules isolates both directions', () => {
    const w = modelWorld(ALL9, [ns('p', { podSelector: { matchLabels: { pod: 'a' } }, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })]);
    const v = evaluate(flow(pod('y/a'), pod('x/a'), 'TCP', 80), w);
    expect(v.ingress.isolated).toBe(true);
    expect(evaluate(flow(pod('x/a'), pod('y/a'), 'TCP', 80), w).egress.isolated).toBe(true);
    const ingressOnly = modelWorld(ALL9, [ns('p', { podSelector: { matchLabels: { pod: 'a' } } })]);
    expect(evaluate(flow(pod('x/a'), pod('y/a'), 'TCP', 80), ingressOnly).egress.isolated).toBe(false);
  });

  it('a policy in another namespace never isolates a pod (rule 1)', () => {
    const w = modelWorld(ALL9, [ns('deny', { podSelector: {}, policyTypes: ['Ingress'], ingress: [] }, 'y')]);
    expect(evaluate(flow(pod('z/a'), pod('x/a'), 'TCP', 80), w).allowed).toBe(true);
  });
});
