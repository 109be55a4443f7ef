'use client';
// The lab as a path: its steps in order, each with its checks under it, done or not, the current
// step highlighted. A failed check says what is wrong in the feedback catalogue's words; a step
// not yet done offers its hints; a step without checks is passed with "Done, next step".

import type { CheckResultMessage } from '../../../lab-engine/protocol';
import { checkFeedbackText } from './check-feedback';
import { LabHints } from './lab-hints';
import { PacketPicture } from './packet-picture';
import type { CheckInfo, StepView } from './lab-types';
import type { StepState } from './step-states';

export interface LabStepsProps {
  steps: StepView[];
  states: StepState[];
  checks: Map<string, CheckInfo>;
  results: Map<string, CheckResultMessage>;
  openedHints(stepId: string): number;
  onOpenHint(stepId: string, index: number): Promise<string | null>;
  onStepRead(stepId: string): void;
}

const STATE_TEXT: Record<StepState, string> = { done: 'done', current: 'current step', upcoming: 'not started' };

export function LabSteps({ steps, states, checks, results, openedHints, onOpenHint, onStepRead }: LabStepsProps) {
  const passed = steps.reduce((n, step) => n + step.checkIds.filter((id) => results.get(id)?.passed).length, 0);
  const total = steps.reduce((n, step) => n + step.checkIds.length, 0);
  return (
    // The steps scroll when they are long: focusable, so a keyboard can scroll them too.
    <div className="lab-panel__checks lab-steps" aria-live="polite" role="region" aria-label="Lab steps" tabIndex={0}>
      <h3>
        Steps <span>{passed}/{total} checks</span>
      </h3>
      <ol className="lab-steps__list">
        {steps.map((step, index) => {
          const state = states[index];
          return (
            <li key={step.id} className={`lab-step-item lab-step-item--${state}`} data-testid={`step-${step.id}`} data-state={state} aria-current={state === 'current' ? 'step' : undefined}>
              <div className="lab-step-item__title">
                <span className="lab-step-item__mark" aria-hidden="true">
                  {state === 'done' ? '✔' : index + 1}
                </span>
                <a href={`#step-${step.id}`}>{step.title}</a>
                <span className="visually-hidden"> ({STATE_TEXT[state]})</span>
              </div>
              {step.checkIds.length > 0 && (
                <ul className="lab-step-item__checks">
                  {step.checkIds.map((id) => {
                    const result = results.get(id);
                    const ok = result?.passed ?? false;
                    return (
                      <li key={id} data-testid={`check-${id}`} data-passed={ok ? 'true' : 'false'} className={ok ? 'passed' : 'pending'}>
                        <span aria-hidden="true">{ok ? '✔' : '○'}</span> {checks.get(id)?.title ?? id}
                        <span className="visually-hidden">{ok ? ' (passed)' : ' (not yet)'}</span>
                        {result && !ok && (
                          <small className="lab-step-item__feedback" data-testid={`feedback-${id}`}>
                            {checkFeedbackText(result)}
                          </small>
                        )}
                        {result && !ok && result.trace && <PacketPicture id={id} trace={result.trace} />}
                      </li>
                    );
                  })}
                </ul>
              )}
              {state === 'current' && step.checkIds.length === 0 && (
                <button type="button" className="button button--small" data-testid={`step-done-${step.id}`} onClick={() => onStepRead(step.id)}>
                  Done, next step
                </button>
              )}
              {state !== 'done' && (
                <LabHints stepId={step.id} hints={step.hints} opened={openedHints(step.id)} onOpen={(i) => onOpenHint(step.id, i)} />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
