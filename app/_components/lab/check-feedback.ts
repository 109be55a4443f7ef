// A failed check's words for the learner, rendered from the feedback catalogue
// (lab-engine/labs/feedback.ts) by its stable ID and parameters, so improvements to the
// catalogue's wording show here without touching stored results. A result whose ID this build
// does not know (a row stored by another version), or whose parameters no longer fit, falls back
// to the grader's own reason.

import { isFeedbackId, renderFeedback, severityOf, type Feedback } from '../../../lab-engine/labs/feedback';
import type { CheckResultMessage } from '../../../lab-engine/protocol';

export function checkFeedbackText(result: Pick<CheckResultMessage, 'feedbackId' | 'params' | 'reason'>): string {
  if (isFeedbackId(result.feedbackId)) {
    try {
      // The ID is the catalogue's; its params came over the wire, hence the guard around rendering.
      const text = renderFeedback({ feedbackId: result.feedbackId, params: result.params } as Feedback);
      if (text && !/\bundefined\b/.test(text)) return text;
    } catch {
      // parameters of another shape: the reason below still says what happened
    }
  }
  return result.reason;
}

/** Whether the catalogue files this result as an error (a failed check) rather than success or info. */
export function isErrorFeedback(feedbackId: string): boolean {
  return isFeedbackId(feedbackId) && severityOf(feedbackId) === 'error';
}
