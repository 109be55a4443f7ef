'use client';
// One step's hints: opened one at a time, in order, each rendered from its Markdown. The last
// one of several usually gives the answer away, so it opens only after the learner confirms.
// Every opened hint is recorded with the attempt (the count is kept when the lab completes).

import { useState } from 'react';
import { Markdown } from './markdown';
import type { MdBlock } from './markdown-tree';

export interface LabHintsProps {
  stepId: string;
  hints: MdBlock[][];
  /** How many of this step's hints are open (they open in order). */
  opened: number;
  /** Asks the server to record hint `index`; resolves when it did (or failed, with a message). */
  onOpen(index: number): Promise<string | null>;
}

export function LabHints({ stepId, hints, opened, onOpen }: LabHintsProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (hints.length === 0) return null;
  const nextIndex = opened;
  const nextIsAnswer = hints.length > 1 && nextIndex === hints.length - 1;

  const open = async () => {
    setBusy(true);
    setError(null);
    const failure = await onOpen(nextIndex);
    setBusy(false);
    setConfirming(false);
    if (failure) setError(failure);
  };

  return (
    <div className="lab-hints" data-testid={`hints-${stepId}`}>
      {opened > 0 && (
        <ol className="lab-hints__list" aria-label="Hints">
          {hints.slice(0, opened).map((hint, index) => (
            <li key={index} data-testid={`hint-${stepId}-${index}`} className={hints.length > 1 && index === hints.length - 1 ? 'lab-hints__answer' : undefined}>
              <Markdown blocks={hint} />
            </li>
          ))}
        </ol>
      )}
      {nextIndex < hints.length &&
        (confirming ? (
          <div className="lab-hints__confirm" role="group" aria-label="Show the answer?" data-testid={`hint-confirm-${stepId}`}>
            <p>The last hint gives the answer away. Show it anyway?</p>
            <button type="button" className="button button--small" disabled={busy} onClick={() => void open()}>
              Show the answer
            </button>{' '}
            <button type="button" className="button button--small button--secondary" onClick={() => setConfirming(false)}>
              Not yet
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button button--small button--secondary lab-hints__next"
            data-testid={`hint-button-${stepId}`}
            disabled={busy}
            onClick={() => (nextIsAnswer ? setConfirming(true) : void open())}
          >
            {nextIsAnswer ? `Show the answer (hint ${nextIndex + 1} of ${hints.length})` : `Show hint ${nextIndex + 1} of ${hints.length}`}
          </button>
        ))}
      {error && (
        <p className="lab-panel__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
