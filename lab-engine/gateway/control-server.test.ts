// The gateway's end of the control channel as a trust boundary: a child must say hello with the
// token it was spawned with, and a message the protocol does not know ends its connection
// instead of reaching the session.

import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlServer } from './control-server';
import type { LabshMessage } from '../protocol';

let server: ControlServer;
beforeEach(async () => {
  server = new ControlServer();
  await server.listen();
});
afterEach(async () => server.close());

function open(): Promise<{ socket: Socket; received: string[]; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.socketPath);
    const received: string[] = [];
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => received.push(chunk));
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received, closed }));
    socket.once('error', reject);
  });
}

function expectChild() {
  const messages: LabshMessage[] = [];
  const token = server.expect({
    onHello: () => ({ type: 'init', labId: null, seed: 1, snapshot: null }),
    onMessage: (m) => messages.push(m),
    onClose: () => undefined,
  });
  return { token, messages };
}

describe('control channel', () => {
  it('answers a hello with the right token and passes well-formed messages on', async () => {
    const { token, messages } = expectChild();
    const child = await open();
    child.socket.write(JSON.stringify({ type: 'hello', token }) + '\n');
    child.socket.write(JSON.stringify({ type: 'command', line: 'ls', exitCode: 0 }) + '\n');
    await expect.poll(() => messages).toEqual([{ type: 'command', line: 'ls', exitCode: 0 }]);
    expect(child.received.join('')).toContain('"type":"init"');
    child.socket.destroy();
  });

  it('hangs up on an unknown token', async () => {
    const child = await open();
    child.socket.write(JSON.stringify({ type: 'hello', token: 'guessed' }) + '\n');
    await child.closed;
  });

  it('hangs up on a forged check result instead of recording it', async () => {
    const { token, messages } = expectChild();
    const child = await open();
    child.socket.write(JSON.stringify({ type: 'hello', token }) + '\n');
    child.socket.write(JSON.stringify({ type: 'checks', results: [{ checkId: 'x', passed: 'true' }] }) + '\n');
    await child.closed;
    expect(messages).toEqual([]);
  });
});
