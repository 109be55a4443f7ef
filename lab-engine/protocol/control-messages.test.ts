// The control channel's guards: labsh runs the learner's commands, so the gateway must act only on
// messages of a known type and shape, and a reader must never be made to buffer without bound.

import { describe, expect, it } from 'vitest';
import { MAX_CONTROL_MESSAGE_BYTES, encodeMessage, isGatewayMessage, isLabshMessage, type LabshMessage } from './control-messages';
import { NdjsonDecoder } from './ndjson-decoder';

const result = { checkId: 'web-running', passed: true, feedbackId: 'resource.ok', params: { name: 'web' }, reason: 'Running' };

describe('labsh → gateway messages', () => {
  it.each<LabshMessage>([
    { type: 'hello', token: 't0k' },
    { type: 'ready' },
    { type: 'checks', results: [result] },
    { type: 'checks', results: [] },
    { type: 'snapshot', snapshot: { version: 1 } as never },
    { type: 'command', line: 'kubectl get pods', exitCode: 0 },
    { type: 'shell', state: 'prompt', inputs: 0 },
    { type: 'shell', state: 'busy', inputs: 12 },
  ])('accepts %j', (message) => {
    expect(isLabshMessage(JSON.parse(encodeMessage(message)))).toBe(true);
  });

  it.each([
    ['not an object', 'checks'],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'grant-admin' }],
    ['a type from the other direction', { type: 'init', labId: null, seed: 1, snapshot: null }],
    ['an inherited property name as type', { type: 'toString' }],
    ['hello without a token', { type: 'hello' }],
    ['a check that passes with a string', { type: 'checks', results: [{ ...result, passed: 'yes' }] }],
    ['a check without params', { type: 'checks', results: [{ ...result, params: undefined }] }],
    ['results that are not a list', { type: 'checks', results: result }],
    ['a snapshot of an unknown version', { type: 'snapshot', snapshot: { version: 2 } }],
    ['a snapshot that is not an object', { type: 'snapshot', snapshot: 'x' }],
    ['a command without its exit code', { type: 'command', line: 'ls' }],
    ['a shell state it does not know', { type: 'shell', state: 'asleep', inputs: 0 }],
    ['a shell state without its count', { type: 'shell', state: 'prompt' }],
    ['a negative or fractional count', { type: 'shell', state: 'prompt', inputs: -1.5 }],
  ])('refuses %s', (_label, value) => {
    expect(isLabshMessage(value)).toBe(false);
  });
});

describe('gateway → labsh messages', () => {
  it('accepts init with and without a lab and a snapshot, and request-snapshot', () => {
    expect(isGatewayMessage({ type: 'init', labId: 'dns-basics', seed: 7, snapshot: { version: 1 } })).toBe(true);
    expect(isGatewayMessage({ type: 'init', labId: null, seed: 7, snapshot: null })).toBe(true);
    expect(isGatewayMessage({ type: 'request-snapshot' })).toBe(true);
  });

  it('accepts a wait for a known condition and refuses one it cannot check', () => {
    expect(isGatewayMessage({ type: 'wait', condition: { until: 'ready', kind: 'pod', namespace: 'default', name: 'web' } })).toBe(true);
    expect(isGatewayMessage({ type: 'wait', condition: { until: 'ready', kind: 'pod', namespace: 'default', name: '$(reboot)' } })).toBe(false);
    expect(isGatewayMessage({ type: 'wait', condition: 'ready pod/web' })).toBe(false);
  });

  it('refuses an init without a seed', () => {
    expect(isGatewayMessage({ type: 'init', labId: null, snapshot: null })).toBe(false);
  });
});

describe('NdjsonDecoder', () => {
  function decoder() {
    const messages: LabshMessage[] = [];
    const errors: string[] = [];
    const d = new NdjsonDecoder(isLabshMessage, (m) => messages.push(m), (e) => errors.push(e));
    return { d, messages, errors };
  }

  it('joins messages split across chunks and skips blank lines', () => {
    const { d, messages, errors } = decoder();
    const line = encodeMessage({ type: 'command', line: 'ls', exitCode: 1 });
    d.push(line.slice(0, 5));
    d.push(line.slice(5) + '\n' + encodeMessage({ type: 'ready' }));
    expect(messages).toEqual([{ type: 'command', line: 'ls', exitCode: 1 }, { type: 'ready' }]);
    expect(errors).toEqual([]);
  });

  it('reports bad JSON and unknown shapes instead of delivering them', () => {
    const { d, messages, errors } = decoder();
    d.push('{not json\n{"type":"checks","results":[{"checkId":1}]}\n');
    expect(messages).toEqual([]);
    expect(errors).toEqual(['control message is not valid JSON', 'control message has an unknown type or shape']);
  });

  it('drops a message over the size limit rather than buffering it', () => {
    const { d, messages, errors } = decoder();
    d.push('x'.repeat(MAX_CONTROL_MESSAGE_BYTES + 1));
    d.push(encodeMessage({ type: 'ready' }));
    expect(errors).toEqual(['control message exceeds the size limit']);
    expect(messages).toEqual([{ type: 'ready' }]);
  });

  it('turns a throwing handler into an error report', () => {
    const errors: string[] = [];
    const d = new NdjsonDecoder(isLabshMessage, () => { throw new Error('boom'); }, (e) => errors.push(e));
    d.push(encodeMessage({ type: 'ready' }));
    expect(errors).toEqual(['control message could not be handled: boom']);
  });
});
