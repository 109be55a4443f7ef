// What one side sends in one turn of the event loop, handed over as one array when the turn ends.
// A session host and the gateway talk over one IPC pipe for a hundred sessions: under load a turn
// holds many sessions' keys or echoes, and one message for all of them costs one write and one
// wake-up instead of one each. Alone, an item waits only for the end of its turn (setImmediate).

export class TurnBatch<T> {
  private items: T[] = [];

  constructor(
    private readonly deliver: (items: T[]) => void,
    /** The most items one delivery holds: a turn with more hands them over in several. */
    private readonly maxItems = Infinity,
  ) {}

  push(item: T): void {
    if (this.items.length === 0) setImmediate(this.flush);
    this.items.push(item);
  }

  /** Hands over what is queued now (the end of the turn does it anyway). */
  readonly flush = (): void => {
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    if (items.length <= this.maxItems) this.deliver(items);
    else for (let at = 0; at < items.length; at += this.maxItems) this.deliver(items.slice(at, at + this.maxItems));
  };
}
