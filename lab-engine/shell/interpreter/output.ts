// Where a command's output goes while a script runs: the run's sink (bounded, in write order,
// streamed to the terminal as it comes), a pipe or `$(...)` capture (keeps stdout, passes stderr
// on), and a recorder for compound commands whose redirections are applied afterwards.

import { MAX_OUTPUT_BYTES } from '../../core/limits';

/** Where a command's output goes: the terminal's sink, a pipe, a `$(...)` capture. */
export interface Out {
  write(stream: 'stdout' | 'stderr', text: string): void;
}

/** Collects a run's output, in order, up to MAX_OUTPUT_BYTES; `live` sees each accepted chunk at once. */
export class OutputSink implements Out {
  stdout = '';
  stderr = '';
  combined = '';
  private bytes = 0;
  truncated = false;

  constructor(private readonly live?: (text: string) => void) {}

  write(stream: 'stdout' | 'stderr', text: string): void {
    if (!text || this.truncated) return;
    let chunk = text;
    if (this.bytes + chunk.length > MAX_OUTPUT_BYTES) {
      chunk = chunk.slice(0, MAX_OUTPUT_BYTES - this.bytes);
      this.truncated = true;
    }
    this.bytes += chunk.length;
    this[stream] += chunk;
    this.combined += chunk;
    if (this.truncated) {
      const notice = `\nbash: output truncated after ${MAX_OUTPUT_BYTES} bytes\n`;
      this.stderr += notice;
      this.combined += notice;
      chunk += notice;
    }
    this.live?.(chunk);
  }
}

/** A pipe or `$(...)`: keeps stdout (bounded, said once when cut), passes stderr on. */
export class Capture implements Out {
  text = '';
  private cut = false;
  constructor(private readonly parent: Out) {}
  write(stream: 'stdout' | 'stderr', text: string): void {
    if (stream === 'stderr') return this.parent.write('stderr', text);
    const room = MAX_OUTPUT_BYTES - this.text.length;
    if (text.length > room && !this.cut) {
      // Without a word the next stage's answer (`seq 1 100000000 | wc -l`) looks like the truth.
      this.cut = true;
      this.parent.write('stderr', `bash: output truncated at ${MAX_OUTPUT_BYTES} bytes\n`);
    }
    if (room > 0) this.text += text.slice(0, room);
  }
}

/** Output of a compound command with redirections: every chunk in order, routed afterwards. */
export class Recorder implements Out {
  readonly chunks: ['stdout' | 'stderr', string][] = [];
  private bytes = 0;
  write(stream: 'stdout' | 'stderr', text: string): void {
    if (this.bytes >= MAX_OUTPUT_BYTES) return;
    this.bytes += text.length;
    this.chunks.push([stream, text]);
  }
}
