// The terminal WebSocket's guards: the gateway acts only on input and resize frames of the right
// shape, and the page only on events it knows.

import { describe, expect, it } from 'vitest';
import { encodeTerminalFrame, parseTerminalClientFrame, parseTerminalEvent } from './terminal-frames';

describe('browser → gateway frames', () => {
  it('reads input and resize', () => {
    expect(parseTerminalClientFrame(encodeTerminalFrame({ type: 'input', data: 'ls\r' }))).toEqual({ type: 'input', data: 'ls\r' });
    expect(parseTerminalClientFrame(encodeTerminalFrame({ type: 'resize', cols: 120, rows: 40 }))).toEqual({ type: 'resize', cols: 120, rows: 40 });
  });

  it('reads a wait for a condition, never a command to run', () => {
    const condition = { until: 'rollout', kind: 'daemonset', namespace: 'kube-system', name: 'kube-proxy' } as const;
    expect(parseTerminalClientFrame(encodeTerminalFrame({ type: 'wait', condition }))).toEqual({ type: 'wait', condition });
    expect(parseTerminalClientFrame('{"type":"wait","condition":{"until":"ready","kind":"pod","namespace":"default","name":"a b"}}')).toBeNull();
    expect(parseTerminalClientFrame('{"type":"wait","condition":"kubectl delete ns --all"}')).toBeNull();
  });

  it.each([
    ['not JSON', 'ls'],
    ['an unknown type', '{"type":"exec","data":"rm -rf /"}'],
    ['input that is not text', '{"type":"input","data":["ls"]}'],
    ['a resize in strings', '{"type":"resize","cols":"120","rows":"40"}'],
    ['an event from the other direction', '{"type":"notice","text":"hi"}'],
    ['null', 'null'],
  ])('refuses %s', (_label, text) => {
    expect(parseTerminalClientFrame(text)).toBeNull();
  });
});

describe('gateway → browser events', () => {
  it('reads status, checks and notices', () => {
    const results = [{ checkId: 'a', passed: false, feedbackId: 'dns.not_found', params: {}, reason: 'NXDOMAIN' }];
    expect(parseTerminalEvent(encodeTerminalFrame({ type: 'status', state: 'restarting' }))).toEqual({ type: 'status', state: 'restarting' });
    expect(parseTerminalEvent(encodeTerminalFrame({ type: 'checks', results }))).toEqual({ type: 'checks', results });
    expect(parseTerminalEvent(encodeTerminalFrame({ type: 'notice', text: 'saved' }))).toEqual({ type: 'notice', text: 'saved' });
    expect(parseTerminalEvent(encodeTerminalFrame({ type: 'shell', state: 'busy', inputs: 3 }))).toEqual({ type: 'shell', state: 'busy', inputs: 3 });
  });

  it('ignores a state or an event it does not know', () => {
    expect(parseTerminalEvent('{"type":"status","state":"sleeping"}')).toBeNull();
    expect(parseTerminalEvent('{"type":"confetti"}')).toBeNull();
    expect(parseTerminalEvent('{"type":"shell","state":"dreaming","inputs":0}')).toBeNull();
    expect(parseTerminalEvent('{"type":"checks","results":[{"checkId":"a"}]}')).toBeNull();
  });

  it('reads the walk of a trace the learner ran, and nothing shaped otherwise', () => {
    const trace = { probe: { from: { netns: 'pod/default/client' }, dst: '10.96.0.10', protocol: 'tcp', dport: 80 }, hops: [{ kind: 'deliver', netns: 'pod/default/web', headers: {} }], outcome: { kind: 'delivered' }, replied: true, decidedAt: 0 };
    const walk = { type: 'walk', source: 'pod default/client', destination: 'svc default/web:80', trace };
    expect(parseTerminalEvent(JSON.stringify(walk))).toEqual(walk);
    expect(parseTerminalEvent(JSON.stringify({ ...walk, source: 7 }))).toBeNull();
    expect(parseTerminalEvent(JSON.stringify({ ...walk, trace: { ...trace, decidedAt: 1 } }))).toBeNull();
    expect(parseTerminalEvent(JSON.stringify({ ...walk, trace: { ...trace, hops: [{ kind: 'deliver' }] } }))).toBeNull();
    expect(parseTerminalEvent(JSON.stringify({ ...walk, trace: '<svg onload=alert(1)>' }))).toBeNull();
  });
});
