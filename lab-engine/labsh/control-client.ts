// labsh's end of the control channel: connects to the gateway's Unix socket, proves which
// session it is with the token it was spawned with, and waits for its init message.

import { connect, type Socket } from 'node:net';
import { NdjsonDecoder, encodeMessage, isGatewayMessage, type GatewayMessage, type LabshMessage } from '../protocol';

export interface ControlClient {
  init: Extract<GatewayMessage, { type: 'init' }>;
  send(message: LabshMessage): void;
  /** A message already encoded with encodeMessage (a snapshot measured before it is sent). */
  sendEncoded(line: string): void;
  onMessage(handler: (message: GatewayMessage) => void): void;
  close(): void;
}

export function connectControl(socketPath: string, token: string, timeoutMs = 5000): Promise<ControlClient> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(socketPath);
    const handlers: Array<(m: GatewayMessage) => void> = [];
    let initialised = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('the gateway did not answer on the control channel'));
    }, timeoutMs);
    const decoder = new NdjsonDecoder(
      isGatewayMessage,
      (message) => {
        if (!initialised && message.type === 'init') {
          initialised = true;
          clearTimeout(timer);
          resolve({
            init: message,
            send: (m) => {
              if (!socket.destroyed) socket.write(encodeMessage(m));
            },
            sendEncoded: (line) => {
              if (!socket.destroyed) socket.write(line);
            },
            onMessage: (h) => handlers.push(h),
            close: () => socket.end(),
          });
          return;
        }
        for (const h of handlers) h(message);
      },
      // The gateway spawned this process and is trusted; a line it did not mean is skipped, not fatal.
      () => undefined,
    );
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => decoder.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      if (!initialised) reject(error);
    });
    socket.on('connect', () => socket.write(encodeMessage({ type: 'hello', token })));
  });
}
