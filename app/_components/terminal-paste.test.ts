// A paste of any size either reaches the shell in frames the gateway accepts, in order and whole,
// or is refused with a line saying why; nothing is cut silently.

import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../lab-engine/core/limits';
import { GATEWAY_LIMITS } from '../../lab-engine/gateway/gateway-limits';
import { INPUT_FRAME_CHARS, planInput } from './terminal-paste';

describe('terminal input from the page', () => {
  it('sends a key as one frame', () => {
    expect(planInput('k')).toEqual({ kind: 'send', frames: ['k'] });
  });

  it('sends a paste under the limit in frames that each fit the socket, whole and in order', () => {
    const paste = 'kubectl get pods\r\x01'.repeat(Math.floor(MAX_INPUT_BYTES / 20));
    const plan = planInput(paste);
    if (plan.kind !== 'send') throw new Error('refused');
    expect(plan.frames.length).toBeGreaterThan(1);
    expect(plan.frames.join('')).toBe(paste);
    for (const frame of plan.frames) {
      expect(frame.length).toBeLessThanOrEqual(INPUT_FRAME_CHARS);
      expect(JSON.stringify({ type: 'input', data: frame }).length).toBeLessThanOrEqual(GATEWAY_LIMITS.maxWebSocketMessageBytes);
    }
  });

  it('never splits a surrogate pair between frames', () => {
    const paste = `${'a'.repeat(INPUT_FRAME_CHARS - 1)}😀tail`;
    const plan = planInput(paste);
    if (plan.kind !== 'send') throw new Error('refused');
    expect(plan.frames[0]).toBe('a'.repeat(INPUT_FRAME_CHARS - 1));
    expect(plan.frames.join('')).toBe(paste);
  });

  it('refuses a 10 MB paste with a message naming its size and the limit', () => {
    const plan = planInput('x'.repeat(10 * 1024 * 1024));
    expect(plan).toEqual({ kind: 'refuse', message: expect.stringMatching(/^Paste not sent: 10\.0 MB is more than the 256 KB one input to the lab shell may hold\./) });
  });
});
