import { describe, expect, it } from 'vitest';
import { FEEDBACK, feedback, isFeedbackId, renderFeedback, severityOf } from './feedback';

const web = { resource: 'pods', namespace: 'default', name: 'web' };

describe('feedback catalogue', () => {
  it.each([
    [feedback('resource.ok', { ...web, jsonPath: '{.status.phase}', actual: 'Running' }), 'pod default/web: {.status.phase} is "Running"'],
    [feedback('resource.absent_ok', { ...web, jsonPath: '{.status.reason}' }), 'pod default/web has no {.status.reason}, as expected'],
    [feedback('resource.not_found', { ...web, similar: ['webserver'] }), 'There is no pod named web in namespace default. Did you mean webserver?'],
    [feedback('resource.not_found', { resource: 'nodes', name: 'node-9', similar: [] }), 'There is no node named node-9'],
    [
      feedback('resource.value_mismatch', { ...web, jsonPath: '{.status.phase}', expected: 'Running', actual: 'Pending' }),
      'pod default/web: {.status.phase} is "Pending", expected "Running"',
    ],
    [
      feedback('resource.pattern_mismatch', { ...web, jsonPath: '{.status.podIP}', pattern: '^10\\.244\\.', actual: '' }),
      'pod default/web: {.status.podIP} is empty, which does not match /^10\\.244\\./',
    ],
    [feedback('resource.field_missing', { ...web, jsonPath: '{.status.podIP}' }), 'pod default/web has no {.status.podIP} yet'],
    [feedback('resource.field_present', { ...web, jsonPath: '{.status.podIP}', actual: '10.244.1.2' }), 'pod default/web still has {.status.podIP} ("10.244.1.2")'],
    [feedback('check.error', { message: 'boom' }), 'The check could not run: boom'],
  ])('renders %j', (item, text) => {
    expect(renderFeedback(item)).toBe(text);
  });

  it('gives every ID a severity; only the passing ones are success', () => {
    const successes = Object.keys(FEEDBACK).filter((id) => isFeedbackId(id) && severityOf(id) === 'success');
    expect(successes).toEqual(['resource.ok', 'resource.absent_ok', 'reachability.allowed_ok', 'reachability.denied_ok', 'dns.resolved_ok', 'dns.nxdomain_ok', 'dns.no_answer_ok', 'dns.fast_ok', 'dns.queries_ok', 'http.ok', 'command.ok', 'answer.correct', 'load.ok']);
    expect(isFeedbackId('resource.nope')).toBe(false);
  });

  it('keeps IDs stable: they are stored in the database', () => {
    expect(Object.keys(FEEDBACK)).toEqual([
      'resource.ok',
      'resource.absent_ok',
      'resource.not_found',
      'resource.value_mismatch',
      'resource.pattern_mismatch',
      'resource.field_missing',
      'resource.field_present',
      'reachability.allowed_ok',
      'reachability.denied_ok',
      'reachability.unexpectedly_allowed',
      'reachability.unexpectedly_denied',
      'reachability.denied_otherwise',
      'reachability.wrong_backends',
      'reachability.not_every_node',
      'reachability.no_source',
      'reachability.not_encrypted',
      'reachability.not_own_endpoint',
      'dns.resolved_ok',
      'dns.nxdomain_ok',
      'dns.no_answer_ok',
      'dns.not_found',
      'dns.wrong_address',
      'dns.unexpectedly_resolved',
      'dns.no_answer',
      'dns.slow',
      'dns.fast_ok',
      'dns.too_many_queries',
      'dns.queries_ok',
      'dns.no_cname',
      'http.ok',
      'http.wrong_status',
      'http.body_mismatch',
      'http.no_response',
      'http.body_size',
      'http.no_target',
      'http.not_every_node',
      'http.tls_default_certificate',
      'http.tls_name_mismatch',
      'http.tls_no_san',
      'http.tls_covers_host',
      'http.tls_untrusted',
      'http.tls_expired',
      'command.ok',
      'command.no_match',
      'command.unexpected_match',
      'command.wrong_exit_code',
      'command.no_node',
      'answer.correct',
      'answer.missing',
      'answer.wrong',
      'answer.no_truth',
      'check.error',
      'load.ok',
      'load.failed',
      'load.uneven',
      'load.client_moved',
      'load.rollout_incomplete',
      'load.share_out_of_range',
    ]);
  });
});

describe('reachability feedback', () => {
  const flow = { from: 'pod prod/frontend', to: 'service prod/backend:8080' };

  it('renders what stopped the packet in words, from its typed parameters', () => {
    const cases: [Parameters<typeof feedback<'reachability.unexpectedly_denied'>>[1]['blocker'], string][] = [
      [
        { kind: 'policy', direction: 'ingress', namespace: 'prod', pod: 'backend-7d9f-x2x9k', policies: ['default-deny'], protocol: 'TCP', port: 8080, peer: 'pod prod/frontend' },
        'NetworkPolicy default-deny in namespace prod selects pod backend-7d9f-x2x9k and no rule allows ingress from pod prod/frontend on TCP 8080',
      ],
      [
        { kind: 'policy', direction: 'egress', namespace: 'prod', pod: 'frontend', policies: ['a', 'b', 'c'], protocol: 'UDP', port: 53, peer: '10.244.0.5', nearMiss: { policy: 'b', rule: 'egress[1]', missed: 'port' } },
        'NetworkPolicies a, b and c in namespace prod select pod frontend and no rule allows egress to 10.244.0.5 on UDP 53; rule egress[1] of b matches the destination but not UDP 53',
      ],
      [{ kind: 'no-endpoints', service: 'prod/web', port: 80 }, 'Service prod/web has no ready endpoint yet, so kube-proxy rejects connections to it on port 80'],
      [{ kind: 'no-service-port', ip: '10.96.0.20', port: 81 }, "10.96.0.20 is a Service address, but no Service port 81 is served there, so kube-proxy's KUBE-IPVS-FILTER rejects it"],
      [{ kind: 'no-listener', target: 'pod prod/web-1', protocol: 'TCP', port: 8080 }, 'nothing in pod prod/web-1 listens on TCP 8080'],
      [{ kind: 'no-listener', target: 'pod prod/web-1', protocol: 'TCP', port: 80, phase: 'Pending' }, 'pod prod/web-1 is Pending: nothing runs there yet to answer TCP 80'],
      [{ kind: 'rule-drop', table: 'filter', chain: 'FORWARD', rule: 'KUBE-FIREWALL/2', spec: '-A KUBE-FIREWALL -j DROP' }, 'the filter FORWARD rule KUBE-FIREWALL/2 drops it (-A KUBE-FIREWALL -j DROP)'],
      [{ kind: 'mtu', netns: 'pod/prod/frontend', dev: 'eth0', mtu: 1480, sizeBytes: 1500 }, "a 1500-byte packet does not fit eth0's MTU 1480 in pod/prod/frontend and may not be fragmented"],
      [{ kind: 'no-route', netns: 'node/node-2', dst: '10.244.2.250' }, 'node/node-2 has no route to 10.244.2.250'],
      [{ kind: 'other', detail: 'pod prod/frontend does not exist' }, 'pod prod/frontend does not exist'],
    ];
    for (const [blocker, text] of cases) {
      expect(renderFeedback(feedback('reachability.unexpectedly_denied', { ...flow, reason: 'engine words', blocker }))).toBe(`pod prod/frontend cannot reach service prod/backend:8080: ${text}`);
    }
  });

  it('says what let a packet through that should have been stopped', () => {
    expect(renderFeedback(feedback('reachability.unexpectedly_allowed', { ...flow, reason: 'x', allowance: { kind: 'not-enforced', cni: 'flannel', policies: ['prod/deny'] } }))).toBe(
      'pod prod/frontend can still reach service prod/backend:8080; it should not: flannel does not enforce NetworkPolicy, so prod/deny would deny it but nothing applies it',
    );
  });

  it('still renders results stored before the typed parameters existed, from their reason', () => {
    expect(renderFeedback(feedback('reachability.unexpectedly_denied', { ...flow, reason: 'calico: ingress of prod/backend denied' }))).toBe('pod prod/frontend cannot reach service prod/backend:8080: calico: ingress of prod/backend denied');
    expect(renderFeedback(feedback('reachability.denied_ok', { ...flow, reason: 'filter FORWARD: DROP' }))).toBe('pod prod/frontend cannot reach service prod/backend:8080, as intended: filter FORWARD: DROP');
    expect(renderFeedback(feedback('reachability.unexpectedly_allowed', { ...flow, reason: 'delivered' }))).toBe('pod prod/frontend can still reach service prod/backend:8080; it should not');
  });
});
