'use client';
// The moment a lab is done: what the learner did (its steps), how long it took and how many
// hints it used (once the server has recorded the completion), and where the path goes next.

import { useEffect, useRef } from 'react';
import { formatDuration } from './format-duration';
import type { NextLink, StepView } from './lab-types';

export interface LabCompleteProps {
  steps: StepView[];
  timeSpentSeconds: number | null;
  hintsUsed: number | null;
  next: NextLink | null;
}

export function LabComplete({ steps, timeSpentSeconds, hintsUsed, next }: LabCompleteProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Bring the moment into view once, without taking focus from the terminal the learner types in.
  // (Braces matter: Chromium's scrollIntoView now returns a promise, which React would take for a cleanup.)
  useEffect(() => {
    void heading.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);
  return (
    <section className="lab-complete" data-testid="lab-complete" aria-labelledby="lab-complete-heading">
      <h3 id="lab-complete-heading" ref={heading}>
        <span aria-hidden="true">✔ </span>Lab complete
      </h3>
      <p>Every check passed. What you did:</p>
      <ul>
        {steps.map((step) => (
          <li key={step.id}>{step.title}</li>
        ))}
      </ul>
      {(timeSpentSeconds !== null || hintsUsed !== null) && (
        <p className="lab-complete__stats" data-testid="lab-complete-stats">
          {timeSpentSeconds !== null && <>Time spent: {formatDuration(timeSpentSeconds)}. </>}
          {hintsUsed !== null && <>Hints used: {hintsUsed}.</>}
        </p>
      )}
      <p className="lab-complete__next">
        {next ? (
          <a className="button" href={next.href} data-testid="lab-complete-next">
            Next {next.kind === 'lab' ? 'lab' : 'lesson'}: {next.title} →
          </a>
        ) : (
          <a className="button" href="/progress">
            That was the last one: see your progress →
          </a>
        )}
      </p>
    </section>
  );
}
