import { describe, expect, it } from 'vitest';
import { TurnBatch } from './turn-batch';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatch', () => {
  it('hands over everything pushed in one turn as one array, in order, at the end of the turn', async () => {
    const delivered: number[][] = [];
    const batch = new TurnBatch<number>((items) => delivered.push(items));
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(delivered).toEqual([]);
    await nextTurn();
    expect(delivered).toEqual([[1, 2, 3]]);
    batch.push(4);
    await nextTurn();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
  });

  it('flushes at once when asked, and the end of the turn then has nothing to send', async () => {
    const delivered: string[][] = [];
    const batch = new TurnBatch<string>((items) => delivered.push(items));
    batch.push('a');
    batch.flush();
    expect(delivered).toEqual([['a']]);
    await nextTurn();
    expect(delivered).toEqual([['a']]);
  });

  it('hands a turn of more than maxItems over in deliveries of at most that many, in order', async () => {
    const delivered: number[][] = [];
    const batch = new TurnBatch<number>((items) => delivered.push(items), 3);
    for (let i = 1; i <= 7; i++) batch.push(i);
    await nextTurn();
    expect(delivered).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });
});
