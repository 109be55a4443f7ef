import { describe, expect, it } from 'vitest';
import { checkFeedbackText, isErrorFeedback } from './check-feedback';

describe('check feedback', () => {
  it('renders the catalogue’s words from the ID and params', () => {
    const text = checkFeedbackText({
      feedbackId: 'resource.not_found',
      params: { resource: 'pods', namespace: 'default', name: 'web', similar: ['web2'] },
      reason: 'pod default/web not found',
    });
    expect(text).toBe('There is no pod named web in namespace default. Did you mean web2?');
    expect(isErrorFeedback('resource.not_found')).toBe(true);
    expect(isErrorFeedback('resource.ok')).toBe(false);
  });

  it('falls back to the grader’s reason for unknown IDs or params that no longer fit', () => {
    expect(checkFeedbackText({ feedbackId: 'gone.since', params: {}, reason: 'the reason' })).toBe('the reason');
    expect(checkFeedbackText({ feedbackId: 'resource.not_found', params: { name: 'web' }, reason: 'the reason' })).toBe('the reason');
  });
});
