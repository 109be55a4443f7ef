'use client';
// A lab's checks as one list, without steps: beside a lesson (the sandbox runs the lab's checks as
// practice, never graded) and for a lab page that was given no steps.

import type { CheckResultMessage } from '../../../lab-engine/protocol';
import { checkFeedbackText } from './check-feedback';
import type { CheckInfo } from './lab-types';
import { PacketPicture } from './packet-picture';

export function FlatChecks({ title, checks, results }: { title: string; checks: CheckInfo[]; results: Map<string, CheckResultMessage> }) {
  const passedCount = checks.filter((c) => results.get(c.id)?.passed).length;
  return (
    // The list scrolls when the feedback is long: focusable, so a keyboard can scroll it too.
    <div className="lab-panel__checks" aria-live="polite" role="region" aria-label={title} tabIndex={0}>
      <h3>
        {title}{' '}
        <span>
          {passedCount}/{checks.length}
        </span>
      </h3>
      <ul>
        {checks.map((check) => {
          const result = results.get(check.id);
          const ok = result?.passed ?? false;
          return (
            <li key={check.id} data-testid={`check-${check.id}`} data-passed={ok ? 'true' : 'false'} className={ok ? 'passed' : 'pending'}>
              <span aria-hidden="true">{ok ? '✔' : '○'}</span> {check.title}
              {result && !ok && <small>{checkFeedbackText(result)}</small>}
              {result && !ok && result.trace && <PacketPicture id={check.id} trace={result.trace} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
