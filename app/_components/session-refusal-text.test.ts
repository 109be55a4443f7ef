import { describe, expect, it } from 'vitest';
import { sessionRefusalText } from './session-refusal-text';
import { parseTerminalEvent } from '../../lab-engine/protocol';

describe('a refused lab session, as the page says it', () => {
  it('reads the gateway’s refused event and names how many sessions are running', () => {
    const event = parseTerminalEvent('{"type":"refused","reason":"machine-full","running":400,"limit":400}');
    expect(event?.type).toBe('refused');
    if (event?.type !== 'refused') return;
    expect(sessionRefusalText(event)).toBe('The lab machine is full right now: 400 sessions are running. Try again in a few minutes.');
  });

  it('tells a learner at their own cap what to close', () => {
    expect(sessionRefusalText({ reason: 'user-limit', running: 3, limit: 3 })).toMatch(/You already have 3 labs open/);
  });

  it('ignores a refused event it cannot read', () => {
    expect(parseTerminalEvent('{"type":"refused","reason":"bored","running":1,"limit":1}')).toBeNull();
  });
});
