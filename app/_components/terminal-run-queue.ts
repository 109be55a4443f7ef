// The lesson runs waiting for one lab terminal, typed one at a time and only at a prompt. The
// shell tells where it stands (protocol/shell-state.ts: prompt, busy or continuation, with its
// count of finished inputs), so a run typed at count N is over when the shell is back at a prompt
// with N+1; a run that declares a wait condition then sends it and is over at N+2. A run never
// goes into a command that is still running (`kubectl get pods -w` would swallow it): it waits,
// and its button offers to interrupt. Plain logic with injected ports, tested without a browser.

import type { ShellStateFields, TerminalClientFrame } from '../../lab-engine/protocol';
import type { RunPhase, RunRequest } from './lesson/run-bridge';

export interface RunQueuePorts {
  /** Sends a frame to the gateway; false when the socket is not open. */
  send(frame: TerminalClientFrame): boolean;
  report(id: string, phase: RunPhase): void;
  /** Schedules `fn` after `ms` (a timer the queue owns until it fires or the queue is disposed). */
  later(fn: () => void, ms: number): () => void;
}

interface ActiveRun {
  request: RunRequest;
  step: 'command' | 'wait';
  /** The shell's input count at which this step is finished. */
  target: number;
}

/** A server too old to tell shell states gets the command at once, as before, after this long. */
const SHELL_STATE_GRACE_MS = 3000;

export class TerminalRunQueue {
  private readonly queue: RunRequest[] = [];
  private active: ActiveRun | null = null;
  private shell: ShellStateFields | null = null;
  private connected = false;
  private legacy = false;
  // This shell has shown a prompt: from then on, busy means a command holds it (not that it is starting).
  private seenPrompt = false;
  private cancelGrace: (() => void) | null = null;

  constructor(private readonly ports: RunQueuePorts) {}

  add(request: RunRequest): void {
    this.queue.push(request);
    this.ports.report(request.id, 'queued');
    this.pump();
  }

  /** The shell process is up (status ready): runs go once it says it is at a prompt. */
  shellReady(): void {
    this.connected = true;
    this.shell = null;
    this.cancelGrace?.();
    this.cancelGrace = this.ports.later(() => {
      this.cancelGrace = null;
      // A gateway that reports shell states says one right after `ready`; this one never did.
      if (!this.shell) this.legacy = true;
      this.pump();
    }, SHELL_STATE_GRACE_MS);
  }

  /**
   * The socket dropped: the shell may well still be running the active run, and after the
   * reconnect its state (with its input count) tells how far it got; nothing is typed meanwhile.
   */
  socketClosed(): void {
    this.connected = false;
    this.shell = null;
    this.cancelGrace?.();
    this.cancelGrace = null;
  }

  /** The shell process ended (restarting, failed): the run it was running is over, never typed twice. */
  shellGone(): void {
    this.socketClosed();
    this.seenPrompt = false;
    if (this.active) this.ports.report(this.active.request.id, 'done');
    this.active = null;
  }

  onShellState(shell: ShellStateFields): void {
    this.shell = shell;
    this.legacy = false;
    if (shell.state === 'prompt') this.seenPrompt = true;
    const active = this.active;
    if (active && shell.inputs < active.target - 1) {
      // The count went back: a new shell (labsh restarted while the socket was down). The run went with the old one.
      this.ports.report(active.request.id, 'done');
      this.active = null;
    } else if (active && shell.state === 'prompt' && shell.inputs >= active.target) {
      if (active.step === 'command' && active.request.waitFor && this.ports.send({ type: 'wait', condition: active.request.waitFor })) {
        this.active = { ...active, step: 'wait', target: shell.inputs + 1 };
        this.ports.report(active.request.id, 'waiting');
        return;
      }
      this.ports.report(active.request.id, 'done');
      this.active = null;
    } else if (active && shell.state === 'continuation') {
      // The run left an input open (an unbalanced quote): only Ctrl-C gets the prompt back.
      this.ports.report(active.request.id, 'blocked');
    }
    this.pump();
  }

  /** Reports every queued run as over (the terminal is being disposed). */
  dispose(): void {
    this.cancelGrace?.();
    for (const request of this.queue.splice(0)) this.ports.report(request.id, 'done');
    if (this.active) this.ports.report(this.active.request.id, 'done');
    this.active = null;
  }

  private pump(): void {
    if (this.active || !this.queue.length || !this.connected) return;
    const head = this.queue[0];
    if (this.legacy) {
      if (!this.ports.send({ type: 'input', data: `${head.command}\r` })) return;
      this.queue.shift();
      this.ports.report(head.id, 'done');
      this.pump();
      return;
    }
    if (!this.shell) return;
    if (this.shell.state !== 'prompt') {
      // A shell still starting is not blocked by anyone: the run just waits its turn.
      if (this.seenPrompt || this.shell.inputs > 0) this.ports.report(head.id, 'blocked');
      return;
    }
    if (!this.ports.send({ type: 'input', data: `${head.command}\r` })) return;
    this.queue.shift();
    this.active = { request: head, step: 'command', target: this.shell.inputs + 1 };
    this.ports.report(head.id, 'running');
  }
}
