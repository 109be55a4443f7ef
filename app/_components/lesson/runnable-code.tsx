'use client';
// A command in a lesson with a Run button. The button only asks for a run on a window event
// (run-bridge.ts); the lab panel listens, starts the lab if needed and hands it to the terminal,
// which types it at the next prompt and reports back: the block then says what its run is doing
// (waiting for the terminal, running, waiting for the pod it declared, done), offers to interrupt a
// command that holds the terminal, or explains that a lab needs an account. Keeping the two apart
// lets a lesson render without a lab.

import { useEffect, useRef, useState } from 'react';
import { describeWaitCondition, parseWaitCondition, type WaitCondition } from '../../../lab-engine/protocol';
import { newRunId, onRunStatus, requestInterrupt, requestRun, type RunPhase } from './run-bridge';

export { RUN_COMMAND_EVENT } from './run-bridge';

export interface RunnableCodeProps {
  command: string;
  language?: string;
  label?: string;
  /** A wait condition in its text form (`ready pod/web`), checked when the lesson was compiled. */
  waitFor?: string;
}

function conditionOf(text: string | undefined): WaitCondition | undefined {
  if (!text) return undefined;
  const parsed = parseWaitCondition(text);
  return parsed.ok ? parsed.condition : undefined;
}

function SignInFirst() {
  const here = typeof location === 'undefined' ? '/' : location.pathname;
  const next = `?next=${encodeURIComponent(here)}`;
  return (
    <>
      Labs run on a cluster of your own, kept with your progress, so they need an account.{' '}
      <a href={`/signin${next}`}>Sign in</a> or <a href={`/signup${next}`}>create an account</a>, and you will come
      back to this page.
    </>
  );
}

function StatusText({ phase, condition }: { phase: RunPhase | null; condition?: WaitCondition }) {
  switch (phase) {
    case null:
    case 'done':
      return null;
    case 'queued':
      return <>Waiting for the terminal…</>;
    case 'blocked':
      return (
        <>
          A command is still running in the terminal, so this one waits for the prompt.{' '}
          <button type="button" className="runnable__interrupt" data-testid="run-interrupt" onClick={requestInterrupt}>
            Interrupt it (Ctrl-C)
          </button>
        </>
      );
    case 'running':
      return <>Running in the terminal…</>;
    case 'waiting':
      return <>Waiting for {condition ? describeWaitCondition(condition) : 'the cluster'} before the next step…</>;
    case 'signed-out':
      return <SignInFirst />;
    default: {
      const never: never = phase;
      return never;
    }
  }
}

export function RunnableCode({ command, language = 'sh', label, waitFor }: RunnableCodeProps) {
  // A ref, not state: the terminal may report a phase synchronously, inside requestRun.
  const runId = useRef<string | null>(null);
  const [phase, setPhase] = useState<RunPhase | null>(null);
  const condition = conditionOf(waitFor);

  useEffect(
    () =>
      onRunStatus((status) => {
        if (status.id === runId.current) setPhase(status.phase);
      }),
    [],
  );

  const run = () => {
    const id = newRunId();
    runId.current = id;
    setPhase('queued');
    requestRun({ id, command, waitFor: condition });
  };

  const busy = phase === 'queued' || phase === 'blocked' || phase === 'running' || phase === 'waiting';
  return (
    <div className="runnable" data-run-state={phase ?? 'idle'}>
      <div className="runnable__row">
        <pre className="runnable__code">
          <code className={`language-${language}`}>{command}</code>
        </pre>
        <button
          type="button"
          className="runnable__button"
          data-testid="run-code"
          data-state={phase ?? 'idle'}
          aria-label={`Run in the lab terminal: ${label ?? command}`}
          onClick={run}
        >
          <span aria-hidden="true">{busy ? '…' : phase === 'done' ? '✓' : '▶'}</span> Run
        </button>
      </div>
      {condition && <p className="runnable__note">Then waits for {describeWaitCondition(condition)}.</p>}
      <p className="runnable__status" role="status" data-testid="run-status">
        <StatusText phase={phase} condition={condition} />
      </p>
    </div>
  );
}

/** The same block where no lab sits beside the lesson: the command, without a button that would do nothing. */
export function StaticCode({ command, language = 'sh' }: RunnableCodeProps) {
  return (
    <pre className="runnable__code runnable__code--static">
      <code className={`language-${language}`}>{command}</code>
    </pre>
  );
}
