// The live class view as server-sent events: GET /api/cohorts/[id]/class-view/events answers
// with a text/event-stream that sends the whole view (`event: view`) on connect and again
// whenever the cohort's data changes. Each open stream polls a cheap fingerprint
// (class-view-changes.ts) and recomputes the view only when it moved, or once a minute anyway,
// because "stuck" and "late" change with the clock alone. Everything stops when the client goes
// away. Authorized on connect and re-checked before every push, so an instructor who loses the
// cohort stops receiving it.

import type { SessionUser } from './auth';
import { canManageCohort } from './authz';
import { classView, type ClassView } from './class-view';
import { cohortFingerprint } from './class-view-changes';

/** How often an open stream looks for changes. */
export const POLL_MS = 2_000;
/** A fresh view at least this often, for the clock-driven parts (stuck minutes, late). */
export const REFRESH_MS = 60_000;
/** A comment line at least this often, so proxies and browsers keep an idle stream open. */
export const KEEPALIVE_MS = 15_000;
/** The browser's reconnect delay after a dropped stream (EventSource's `retry:`). */
const RETRY_MS = 5_000;

export interface StreamOptions {
  pollMs?: number;
  refreshMs?: number;
  keepaliveMs?: number;
}

let openStreams = 0;
/** Streams currently open in this process (tests check that a disconnect ends the work). */
export function openClassViewStreams(): number {
  return openStreams;
}

const notFound = () => Response.json({ message: 'No such cohort.' }, { status: 404 });

/** The route's answer: 401 signed out, 404 when the viewer may not manage the cohort, else the stream. */
export async function classViewEventsResponse(viewer: SessionUser | null, cohortId: string, signal: AbortSignal, options: StreamOptions = {}): Promise<Response> {
  if (!viewer) return Response.json({ message: 'Sign in to see the class view.' }, { status: 401 });
  if (!(await canManageCohort(viewer, cohortId))) return notFound();
  return new Response(classViewStream(viewer, cohortId, signal, options), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps compression middleware from buffering the stream.
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}

function classViewStream(viewer: SessionUser, cohortId: string, signal: AbortSignal, options: StreamOptions): ReadableStream<Uint8Array> {
  const pollMs = options.pollMs ?? POLL_MS;
  const refreshMs = options.refreshMs ?? REFRESH_MS;
  const keepaliveMs = options.keepaliveMs ?? KEEPALIVE_MS;
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let lastFingerprint = '';
  let lastViewAt = 0;
  let lastWriteAt = 0;
  let stop: () => void = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      openStreams++;
      stop = () => {
        if (stopped) return;
        stopped = true;
        openStreams--;
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        try {
          controller.close();
        } catch {
          // Already closed or cancelled by the reader.
        }
      };
      signal.addEventListener('abort', stop);
      if (signal.aborted) return stop();

      const write = (text: string) => {
        controller.enqueue(encoder.encode(text));
        lastWriteAt = Date.now();
      };
      const sendView = (view: ClassView) => write(`event: view\ndata: ${JSON.stringify(view)}\n\n`);

      const tick = async () => {
        try {
          const fingerprint = await cohortFingerprint(cohortId);
          const now = Date.now();
          if (stopped) return;
          if (fingerprint !== lastFingerprint || now - lastViewAt >= refreshMs) {
            const view = (await canManageCohort(viewer, cohortId)) ? await classView(cohortId) : null;
            if (stopped) return;
            if (!view) {
              write('event: gone\ndata: {}\n\n');
              return stop();
            }
            lastFingerprint = fingerprint;
            lastViewAt = now;
            sendView(view);
          } else if (now - lastWriteAt >= keepaliveMs) {
            write(': keepalive\n\n');
          }
        } catch (error) {
          // A busy database or a closed stream: try again on the next tick. No detail to the client.
          if (stopped) return;
          console.error(`[flatnet] class view stream: ${error instanceof Error ? error.message : String(error)}`);
        }
        if (!stopped) timer = setTimeout(() => void tick(), pollMs);
      };
      write(`retry: ${RETRY_MS}\n\n`);
      void tick();
    },
    cancel() {
      stop();
    },
  });
}
