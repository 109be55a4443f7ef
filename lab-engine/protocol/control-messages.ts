// The messages labsh and the gateway exchange on the control channel: newline-delimited JSON
// over a Unix socket, beside (never inside) the learner's tty, so nothing a learner prints can
// forge a check result or a snapshot.

import type { SimulationSnapshot } from '../simulation/contract';

export interface CheckResultMessage {
  checkId: string;
  passed: boolean;
  feedbackId: string;
  params: Record<string, unknown>;
  reason: string;
}

/** labsh → gateway */
export type LabshMessage =
  | { type: 'hello'; token: string }
  | { type: 'ready' }
  | { type: 'checks'; results: CheckResultMessage[] }
  | { type: 'snapshot'; snapshot: SimulationSnapshot }
  | { type: 'command'; line: string; exitCode: number };

/** gateway → labsh */
export type GatewayMessage =
  | { type: 'init'; labId: string | null; seed: number; snapshot: SimulationSnapshot | null }
  | { type: 'request-snapshot' };

/** Upper bound for one control message; a snapshot larger than this is refused, not buffered forever. */
export const MAX_CONTROL_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Splits a byte stream into JSON messages; a line that is not JSON or too long is dropped with a report. */
export class NdjsonDecoder<T> {
  private buffer = '';

  constructor(
    private readonly onMessage: (message: T) => void,
    private readonly onError: (error: string) => void,
  ) {}

  push(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_CONTROL_MESSAGE_BYTES) {
      this.buffer = '';
      this.onError('control message exceeds the size limit');
      return;
    }
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (!line.trim()) continue;
      try {
        this.onMessage(JSON.parse(line) as T);
      } catch {
        this.onError('control message is not valid JSON');
      }
    }
  }
}

export function encodeMessage(message: LabshMessage | GatewayMessage): string {
  return JSON.stringify(message) + '\n';
}
