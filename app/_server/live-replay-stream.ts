// The live watch of an attempt as a stream of server-sent events, read-only by construction: it
// only ever sends. While the gateway in this process runs the attempt's session, the terminal
// comes from its output as it happens (LiveSessions.watch: the scrollback first, then each frame);
// otherwise, and after the session ends, from the recorded chunks, polled. Commands and check
// verdict changes are always polled from the database. A viewer too far behind (a stalled tab) is
// cut off rather than buffered without end; the browser's EventSource reconnects and starts over.

import type { OutputWatcher } from '../../lab-engine/gateway';
import { replayUpdatesSince, type ReplayCheckEvent, type ReplayCommand, type ReplayCursor, type ReplayUpdates } from './attempt-replay';
import { watchLiveSession } from './live-sessions';

/** How often the database is asked for new commands, checks and (without a live session) chunks. */
export const LIVE_POLL_MS = 1000;
/** A comment line this often keeps proxies from closing a quiet stream. */
const LIVE_HEARTBEAT_MS = 15_000;
/** Unsent bytes a viewer may fall behind before the stream is closed. */
export const MAX_LIVE_BACKLOG_BYTES = 1024 * 1024;
/** A stream ends after this long; the browser reconnects, and authorization is asked again. */
const MAX_LIVE_STREAM_MS = 30 * 60 * 1000;

export type LiveEvent =
  /** Clear the terminal and show this (a live session's scrollback). */
  | { type: 'screen'; data: string }
  | { type: 'output'; data: string }
  | { type: 'command'; command: ReplayCommand }
  | { type: 'check'; check: ReplayCheckEvent }
  /** live: a running session is followed; false: recorded output is polled. */
  | { type: 'status'; live: boolean };

export interface LiveSource {
  watch(attemptId: string, watcher: OutputWatcher): (() => void) | null;
  updatesSince(attemptId: string, cursor: ReplayCursor): Promise<ReplayUpdates | null>;
}

const defaultSource: LiveSource = { watch: watchLiveSession, updatesSince: replayUpdatesSince };

export interface LiveFeedOptions {
  source?: LiveSource;
  pollMs?: number;
  log?: (message: string) => void;
}

/**
 * Feeds `send` the live events of an attempt until disposed, or until `send` returns false (the
 * viewer fell too far behind) or the attempt is gone; then `onEnd` runs once.
 */
export function openLiveFeed(attemptId: string, send: (event: LiveEvent) => boolean, onEnd: () => void, options: LiveFeedOptions = {}) {
  const source = options.source ?? defaultSource;
  const cursor: ReplayCursor = { chunkId: 0, commandId: 0, checkEventId: 0 };
  let unwatch: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let ended = false;

  const end = () => {
    if (ended) return;
    ended = true;
    if (timer) clearTimeout(timer);
    unwatch?.();
    unwatch = null;
    onEnd();
  };
  const emit = (event: LiveEvent) => {
    if (!ended && !send(event)) end();
  };
  const tryWatch = () => {
    unwatch = source.watch(attemptId, {
      start: (scrollback) => emit({ type: 'screen', data: scrollback }),
      output: (data) => emit({ type: 'output', data }),
      end: () => {
        unwatch = null;
        emit({ type: 'status', live: false });
      },
    });
    if (unwatch) emit({ type: 'status', live: true });
  };
  const poll = async () => {
    timer = null;
    let updates: ReplayUpdates | null;
    try {
      updates = await source.updatesSince(attemptId, cursor);
    } catch (error) {
      options.log?.(`live watch of ${attemptId}: ${error instanceof Error ? error.message : String(error)}`);
      updates = { chunks: [], commands: [], checks: [] };
    }
    if (ended) return;
    if (!updates) return end();
    for (const command of updates.commands) emit({ type: 'command', command });
    for (const check of updates.checks) emit({ type: 'check', check });
    // While a session is followed its output arrives from the gateway; the same bytes, recorded, are skipped.
    for (const chunk of updates.chunks) if (!unwatch) emit({ type: 'output', data: chunk.data });
    cursor.commandId = updates.commands.at(-1)?.id ?? cursor.commandId;
    cursor.checkEventId = updates.checks.at(-1)?.id ?? cursor.checkEventId;
    cursor.chunkId = updates.chunks.at(-1)?.id ?? cursor.chunkId;
    if (!unwatch && !ended) tryWatch();
    if (!ended) {
      timer = setTimeout(() => void poll(), options.pollMs ?? LIVE_POLL_MS);
      timer.unref?.();
    }
  };

  tryWatch();
  void poll();
  return { dispose: end };
}

/** The attempt's live feed as an event stream (text/event-stream), ended when `signal` aborts. */
export function liveEventStream(attemptId: string, signal: AbortSignal, options: LiveFeedOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup: () => void = () => undefined;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const write = (text: string): boolean => {
          if (closed) return false;
          if ((controller.desiredSize ?? 0) <= 0) return false;
          controller.enqueue(encoder.encode(text));
          return true;
        };
        const feed = openLiveFeed(
          attemptId,
          (event) => write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
          () => close(),
          options,
        );
        const heartbeat = setInterval(() => write(': keep-alive\n\n') || close(), LIVE_HEARTBEAT_MS);
        const expiry = setTimeout(() => close(), MAX_LIVE_STREAM_MS);
        function close() {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          clearTimeout(expiry);
          signal.removeEventListener('abort', close);
          feed.dispose();
          try {
            controller.close();
          } catch {
            // Already cancelled by the reader.
          }
        }
        cleanup = close;
        signal.addEventListener('abort', close);
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: MAX_LIVE_BACKLOG_BYTES, size: (chunk) => chunk.byteLength },
  );
}
