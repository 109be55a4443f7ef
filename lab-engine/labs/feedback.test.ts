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
    expect(successes).toEqual(['resource.ok', 'resource.absent_ok', 'reachability.allowed_ok', 'reachability.denied_ok', 'dns.resolved_ok', 'dns.nxdomain_ok', 'dns.no_answer_ok', 'http.ok']);
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
      'reachability.no_source',
      'dns.resolved_ok',
      'dns.nxdomain_ok',
      'dns.no_answer_ok',
      'dns.not_found',
      'dns.wrong_address',
      'dns.unexpectedly_resolved',
      'dns.no_answer',
      'http.ok',
      'http.wrong_status',
      'http.body_mismatch',
      'http.no_response',
      'http.tls_default_certificate',
      'http.tls_name_mismatch',
      'http.tls_covers_host',
      'check.error',
    ]);
  });
});
