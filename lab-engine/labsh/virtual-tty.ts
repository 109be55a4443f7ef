// A terminal for a session with no pty of its own (a session host's worker thread): the learner's
// keys come in as data, the screen goes out through a callback. It behaves as labsh's pty does in
// the mode labsh puts it in: raw input (readline does the line editing, Ctrl-C arrives as \x03),
// output post-processing on (ONLCR: every \n leaves as \r\n, as libuv's raw mode keeps it), and a
// size that changes with a `resize` event, which readline listens to.

import { PassThrough, Writable } from 'node:stream';

export class VirtualTtyInput extends PassThrough {
  readonly isTTY = true;

  /** Raw mode is the only mode this terminal has. */
  setRawMode(): this {
    return this;
  }
}

export class VirtualTtyOutput extends Writable {
  readonly isTTY = true;

  constructor(
    public columns: number,
    public rows: number,
    private readonly sink: (text: string) => void,
  ) {
    super({ decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sink(chunk.toString().replace(/\n/g, '\r\n'));
    callback();
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}
