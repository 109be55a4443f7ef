'use client';
// A command in a lesson with a Run button. The button only announces the command on a window
// event; the lab panel (app/_components/lab-panel.tsx) listens, starts the lab if needed and
// types it into the terminal. Keeping the two apart lets a lesson render without a lab.

import { useEffect, useRef, useState } from 'react';

export const RUN_COMMAND_EVENT = 'flatnet:run-command';

export interface RunnableCodeProps {
  command: string;
  language?: string;
  label?: string;
}

export function RunnableCode({ command, language = 'sh', label }: RunnableCodeProps) {
  const [sent, setSent] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const run = () => {
    window.dispatchEvent(new CustomEvent(RUN_COMMAND_EVENT, { detail: { command } }));
    setSent(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSent(false), 1500);
  };

  return (
    <div className="runnable">
      <pre className="runnable__code">
        <code className={`language-${language}`}>{command}</code>
      </pre>
      <button
        type="button"
        className="runnable__button"
        data-testid="run-code"
        data-sent={sent ? 'true' : 'false'}
        aria-label={`Run in the lab terminal: ${label ?? command}`}
        onClick={run}
      >
        <span aria-hidden="true">▶</span> Run
      </button>
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
