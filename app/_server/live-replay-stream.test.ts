// The live watch, on a fake source: with a running session it streams the scrollback and the
// output as it comes and skips the same bytes recorded; without one it polls recorded chunks and
// picks up a session that starts later; commands and checks always come from the poll; a viewer
// too far behind is cut off; the stream is server-sent events and has nothing to receive.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutputWatcher } from '../../lab-engine/gateway';
import type { ReplayCursor, ReplayUpdates } from './attempt-replay';
import { liveEventStream, openLiveFeed, type LiveEvent, type LiveSource } from './live-replay-stream';

function fakeSource() {
  let watcher: OutputWatcher | null = null;
  let running = false;
  const rows: ReplayUpdates = { chunks: [], commands: [], checks: [] };
  const source: LiveSource = {
    watch: (_id, w) => {
      if (!running) return null;
      watcher = w;
      w.start('$ scrollback');
      return () => (watcher = null);
    },
    updatesSince: async (_id, cursor: ReplayCursor) => ({
      chunks: rows.chunks.filter((row) => row.id > cursor.chunkId),
      commands: rows.commands.filter((row) => row.id > cursor.commandId),
      checks: rows.checks.filter((row) => row.id > cursor.checkEventId),
    }),
  };
  return {
    source,
    rows,
    start: () => (running = true),
    output: (data: string) => watcher?.output(data),
    endSession: () => {
      running = false;
      watcher?.end();
    },
  };
}

describe('openLiveFeed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows a running session and skips its recorded copy; commands and checks come from the poll', async () => {
    const fake = fakeSource();
    fake.start();
    fake.rows.chunks.push({ id: 1, t: 0, data: '$ scrollback' });
    fake.rows.commands.push({ id: 1, t: 10, line: 'kubectl get pods', exitCode: 0 });
    const events: LiveEvent[] = [];
    const feed = openLiveFeed('a1', (event) => events.push(event) > 0, () => undefined, { source: fake.source, pollMs: 100 });
    await vi.advanceTimersByTimeAsync(0);
    fake.output('kubectl get svc\r\n');
    fake.rows.checks.push({ id: 1, t: 20, checkId: 'web-running', title: 'Run web', passed: true, feedbackId: 'ok' });
    await vi.advanceTimersByTimeAsync(100);
    feed.dispose();
    expect(events).toEqual([
      { type: 'screen', data: '$ scrollback' },
      { type: 'status', live: true },
      { type: 'command', command: { id: 1, t: 10, line: 'kubectl get pods', exitCode: 0 } },
      { type: 'output', data: 'kubectl get svc\r\n' },
      { type: 'check', check: { id: 1, t: 20, checkId: 'web-running', title: 'Run web', passed: true, feedbackId: 'ok' } },
    ]);
  });

  it('polls recorded chunks when no session runs, and switches to the session when it starts', async () => {
    const fake = fakeSource();
    fake.rows.chunks.push({ id: 1, t: 0, data: 'recorded one' }, { id: 2, t: 5, data: 'recorded two' });
    const events: LiveEvent[] = [];
    const feed = openLiveFeed('a1', (event) => events.push(event) > 0, () => undefined, { source: fake.source, pollMs: 100 });
    await vi.advanceTimersByTimeAsync(0);
    expect(events).toEqual([
      { type: 'output', data: 'recorded one' },
      { type: 'output', data: 'recorded two' },
    ]);
    fake.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(events.slice(2)).toEqual([
      { type: 'screen', data: '$ scrollback' },
      { type: 'status', live: true },
    ]);
    fake.endSession();
    fake.rows.chunks.push({ id: 3, t: 9, data: 'after the end' });
    await vi.advanceTimersByTimeAsync(100);
    expect(events.slice(4)).toEqual([
      { type: 'status', live: false },
      { type: 'output', data: 'after the end' },
    ]);
    feed.dispose();
  });

  it('ends when the viewer falls behind or the attempt is gone', async () => {
    const fake = fakeSource();
    fake.start();
    let ended = 0;
    openLiveFeed('a1', () => false, () => (ended += 1), { source: fake.source });
    expect(ended).toBe(1);
    const gone: LiveSource = { watch: () => null, updatesSince: async () => null };
    openLiveFeed('a2', () => true, () => (ended += 1), { source: gone });
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toBe(2);
  });
});

describe('liveEventStream', () => {
  it('frames events as server-sent events and closes when the request aborts', async () => {
    const fake = fakeSource();
    fake.start();
    const abort = new AbortController();
    const reader = liveEventStream('a1', abort.signal, { source: fake.source, pollMs: 50 }).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe(`event: screen\ndata: ${JSON.stringify({ type: 'screen', data: '$ scrollback' })}\n\n`);
    abort.abort();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });
});
