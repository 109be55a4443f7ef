// One learner's session on a worker thread of a session host (session-host.ts): the same attached
// session a labsh process runs on its pty (attached-session.ts), here on a virtual terminal
// (virtual-tty.ts), with the control channel carried by the thread's message port. The thread is
// its own V8 isolate with its own heap cap: nothing a learner's input does reaches another
// session's objects, and the host ends a runaway by terminating this thread alone.

import { readlinkSync } from 'node:fs';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { encodeMessage, splitHostOutput, type GatewayMessage, type WorkerCommand, type WorkerEvent } from '../protocol';
import type { ControlClient } from './control-client';
import { runAttachedSession } from './attached-session';
import { VirtualTtyInput, VirtualTtyOutput } from './virtual-tty';
import { containedErrorLine } from './contained-error';
import { findContentDir } from './labsh';

/** This thread's id as the kernel knows it (`/proc/thread-self` → `<pid>/task/<tid>`), or null. */
function threadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

/** Called on a worker thread: waits for the host's start message, then runs the session to its end. */
export function runSessionWorker(port: MessagePort | null = parentPort): void {
  if (!port) throw new Error('labsh: a session worker needs its host');
  const post = (event: WorkerEvent) => port.postMessage(event);
  port.once('message', (start: WorkerCommand) => {
    if (start.type !== 'start') throw new Error(`labsh: a session worker's first message is start, not ${start.type}`);
    // Said now, not while warm: the host listens to a thread only once it runs a session.
    const tid = threadId();
    if (tid !== null) post({ type: 'thread', tid });
    void run(port, post, start).then((code) => process.exit(code));
  });
}

async function run(port: MessagePort, post: (event: WorkerEvent) => void, start: Extract<WorkerCommand, { type: 'start' }>): Promise<number> {
  // Output written in one turn of the event loop leaves as one message (a command writes in many
  // pieces), in pieces of at most MAX_HOST_OUTPUT_CHARS when a turn wrote more.
  let pending = '';
  const flush = () => {
    const data = pending;
    pending = '';
    for (const piece of splitHostOutput(data)) post({ type: 'output', data: piece });
  };
  const output = new VirtualTtyOutput(start.cols, start.rows, (text) => {
    if (!pending) setImmediate(flush);
    pending += text;
  });
  const input = new VirtualTtyInput();
  // A stray error (a timer's, a promise's) is told in one line and the shell goes on, as in a labsh process.
  const onStray = (error: unknown) => output.write(containedErrorLine(error));
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);
  const handlers: Array<(message: GatewayMessage) => void> = [];
  port.on('message', (command: WorkerCommand) => {
    if (command.type === 'input') input.write(command.data);
    else if (command.type === 'resize') output.resize(command.cols, command.rows);
    else if (command.type === 'control') for (const handler of handlers) handler(command.message);
  });
  const control: ControlClient = {
    init: start.init,
    send: (message) => post({ type: 'control', line: encodeMessage(message) }),
    sendEncoded: (line) => post({ type: 'control', line }),
    onMessage: (handler) => handlers.push(handler),
    close: () => undefined,
  };
  const code = await runAttachedSession({ control, input, output, contentDir: findContentDir() });
  flush();
  return code;
}
