// One learner's session under the gateway, whichever host runs it: the lab runtime started from
// the gateway's init (its lab, seed and snapshot), the REPL on the session's terminal, and the
// control channel for checks, commands, shell states, walks and snapshots. A labsh process runs
// one on its pty (labsh.ts, --gateway); a session host runs one per worker thread on a virtual
// terminal (session-worker.ts).

import { LabRuntime } from './lab-runtime';
import { runRepl } from './repl';
import type { ControlClient } from './control-client';
import { InterruptibleWait } from './interruptible-wait';
import { snapshotSender } from './snapshot-sender';
import { toWalkFields } from '../protocol';

export interface AttachedSessionIo {
  control: ControlClient;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  contentDir: string;
}

/** Runs the session until the learner's shell exits; returns its exit code. */
export async function runAttachedSession({ control, input, output, contentDir }: AttachedSessionIo): Promise<number> {
  const { init } = control;
  const wait = new InterruptibleWait();
  const runtime = await LabRuntime.start({
    seed: init.seed,
    labId: init.labId,
    contentDir,
    snapshot: init.snapshot,
    hooks: {
      sleep: wait.sleep,
      onWalk: (walk) => {
        const fields = toWalkFields(walk);
        if (fields) control.send({ type: 'walk', ...fields });
      },
    },
    // The gateway loaded and validated it; absent (an old gateway, a lab it could not send), labsh reads it itself.
    lab: init.lab,
  });
  let snapshotTimer: NodeJS.Timeout | undefined;
  const trySend = snapshotSender({ send: control.send, sendEncoded: control.sendEncoded, tell: (text) => output.write(text) });
  const sendSnapshot = () => void trySend(runtime.sim.snapshot());
  const scheduleSnapshot = () => {
    if (snapshotTimer) return;
    snapshotTimer = setTimeout(() => {
      snapshotTimer = undefined;
      sendSnapshot();
    }, 100);
  };
  control.onMessage((message) => {
    if (message.type === 'request-snapshot') sendSnapshot();
  });
  if (!init.snapshot) sendSnapshot();
  control.send({ type: 'ready' });
  const code = await runRepl({
    runtime,
    input,
    output,
    wallNow: () => Date.now(),
    wait,
    history: init.snapshot?.history,
    acceptWaits: (enqueue) => control.onMessage((message) => {
      if (message.type === 'wait') enqueue(message.condition);
    }),
    hooks: {
      onCommand: (line, exitCode) => control.send({ type: 'command', line, exitCode }),
      onChecks: (results) => control.send({ type: 'checks', results }),
      onChanged: scheduleSnapshot,
      onShellState: (state, inputs) => control.send({ type: 'shell', state, inputs }),
    },
  });
  if (snapshotTimer) clearTimeout(snapshotTimer);
  sendSnapshot();
  control.close();
  return code;
}
