// Ctrl-R for labsh: bash's reverse incremental search over readline's history (node:readline
// has none). While active it owns the keyboard: typed characters refine the query, Ctrl-R finds
// the next older match, Backspace widens it, Enter runs the match, Esc or an arrow key leaves
// the match on the line for editing, Ctrl-G / Ctrl-C give up.

import type { Interface } from 'node:readline';

export class ReverseSearch {
  private active = false;
  private query = '';
  private index = -1;
  private failed = false;

  constructor(
    private readonly rl: Interface,
    private readonly output: NodeJS.WritableStream,
    /** Feeds keys back to readline (used to press Enter on the found line). */
    private readonly feed: (keys: string) => void,
  ) {}

  private get history(): string[] {
    return (this.rl as unknown as { history: string[] }).history ?? [];
  }

  private get match(): string {
    return this.index >= 0 ? this.history[this.index] ?? '' : '';
  }

  /** Takes a chunk of keyboard input; returns false when it is not for the search. */
  handle(data: string): boolean {
    if (!this.active) {
      const at = data.indexOf('\x12');
      if (at < 0) return false;
      if (at > 0) this.feed(data.slice(0, at));
      this.active = true;
      this.query = '';
      this.index = -1;
      this.failed = false;
      data = data.slice(at + 1);
    }
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === '\x12') { this.find(this.index + 1); continue; }
      if (c === '\x7f' || c === '\b') { this.query = this.query.slice(0, -1); this.find(0); continue; }
      if (c === '\r' || c === '\n') { this.leave(this.match); this.feed('\r'); return true; }
      if (c === '\x07' || c === '\x03') { this.leave(''); return true; }
      if (c === '\x1b' || c < ' ') {
        this.leave(this.match);
        // Arrows and other keys act on the restored line, as in bash.
        const rest = data.slice(i);
        if (rest !== '\x1b') this.feed(rest);
        return true;
      }
      this.query += c;
      this.find(Math.max(this.index, 0));
    }
    this.draw();
    return true;
  }

  private find(from: number): void {
    const history = this.history;
    for (let i = from; i < history.length; i++) {
      if (this.query && history[i].includes(this.query)) {
        this.index = i;
        this.failed = false;
        return;
      }
    }
    this.failed = this.query !== '';
  }

  private draw(): void {
    const label = this.failed ? '(failed reverse-i-search)' : '(reverse-i-search)';
    this.output.write(`\r\x1b[K${label}\`${this.query}': ${this.match.replace(/\n/g, ' ')}`);
  }

  private leave(line: string): void {
    this.active = false;
    this.output.write('\r\x1b[K');
    this.rl.write(null, { ctrl: true, name: 'e' });
    this.rl.write(null, { ctrl: true, name: 'u' });
    if (line) this.rl.write(line);
    else this.rl.prompt(true);
  }
}
