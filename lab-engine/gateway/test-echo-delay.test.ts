// The terminal's test-only echo delay: off unless the server's environment asks for it (and, in
// production, also sets the test flag); delayed sends keep their order.

import { describe, expect, it, vi } from 'vitest';
import { delayed, testEchoDelayFromEnv } from './test-echo-delay';

describe('testEchoDelayFromEnv', () => {
  it('is off unless asked, and needs the test flag in production', () => {
    expect(testEchoDelayFromEnv({})).toBe(0);
    expect(testEchoDelayFromEnv({ FLATNET_TEST_ECHO_DELAY_MS: '150', NODE_ENV: 'production' })).toBe(0);
    expect(testEchoDelayFromEnv({ FLATNET_TEST_ECHO_DELAY_MS: '150', NODE_ENV: 'production', FLATNET_TEST_HOOKS: '1' })).toBe(150);
    expect(testEchoDelayFromEnv({ FLATNET_TEST_ECHO_DELAY_MS: '150', NODE_ENV: 'development' })).toBe(150);
  });

  it('refuses nonsense and caps the delay', () => {
    const env = { NODE_ENV: 'test', FLATNET_TEST_HOOKS: '1' };
    expect(testEchoDelayFromEnv({ ...env, FLATNET_TEST_ECHO_DELAY_MS: '-5' })).toBe(0);
    expect(testEchoDelayFromEnv({ ...env, FLATNET_TEST_ECHO_DELAY_MS: 'soon' })).toBe(0);
    expect(testEchoDelayFromEnv({ ...env, FLATNET_TEST_ECHO_DELAY_MS: '1.5' })).toBe(0);
    expect(testEchoDelayFromEnv({ ...env, FLATNET_TEST_ECHO_DELAY_MS: '999999' })).toBe(2000);
  });
});

describe('delayed', () => {
  it('sends later, in order; no delay sends at once', () => {
    vi.useFakeTimers();
    try {
      const seen: string[] = [];
      const send = (s: string) => seen.push(s);
      expect(delayed(0, send)).toBe(send);
      const slow = delayed(100, send);
      slow('a');
      slow('b');
      vi.advanceTimersByTime(99);
      expect(seen).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(seen).toEqual(['a', 'b']);
    } finally {
      vi.useRealTimers();
    }
  });
});
