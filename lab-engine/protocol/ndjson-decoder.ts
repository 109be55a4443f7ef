// Framing for the control channel: splits a byte stream into newline-delimited JSON messages and
// lets through only the ones its guard accepts, so a reader never acts on a shape it did not expect.

import { MAX_CONTROL_MESSAGE_BYTES } from './control-messages';
import { parseJson } from './json-guards';

export class NdjsonDecoder<T> {
  private buffer = '';

  constructor(
    private readonly guard: (value: unknown) => value is T,
    private readonly onMessage: (message: T) => void,
    /** A line that is too long, not JSON or not a known message; the reader decides whether to hang up. */
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
      const value = parseJson(line);
      if (value === undefined) this.onError('control message is not valid JSON');
      else if (!this.guard(value)) this.onError('control message has an unknown type or shape');
      else this.deliver(value);
    }
  }

  private deliver(message: T): void {
    // A handler that throws must not take the reader's process down with it: it hangs up instead.
    try {
      this.onMessage(message);
    } catch (error) {
      this.onError(`control message could not be handled: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
