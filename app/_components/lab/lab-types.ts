// The shapes the lab panel works with: the attempt as /api/attempts describes it
// (app/_server/attempt-view.ts) and a lab's steps as its page hands them over.

import type { CheckResultMessage } from '../../../lab-engine/protocol';
import type { MdBlock } from './markdown-tree';

export interface CheckInfo {
  id: string;
  title: string;
  stepId: string;
}

export interface RevealedHint {
  stepId: string;
  hintIndex: number;
}

/** lab: graded; sandbox: beside a module's lessons; trial: an author's Try it on their draft (issue 20). */
export type AttemptKind = 'lab' | 'sandbox' | 'trial';

export interface AttemptInfo {
  attemptId: string;
  labId: string;
  kind: AttemptKind;
  title: string;
  status: 'active' | 'completed' | 'reset';
  completedAt: string | null;
  timeSpentSeconds: number | null;
  hintsUsed: number | null;
  checks: CheckInfo[];
  results: CheckResultMessage[];
  revealedHints: RevealedHint[];
}

/** One step of a lab as the panel shows it: its checks are looked up by id in the attempt's. */
export interface StepView {
  id: string;
  title: string;
  checkIds: string[];
  /** Each hint as a Markdown tree, in the order they open. */
  hints: MdBlock[][];
}

/** Where the path goes after this lab (app/_server/course-path.ts). */
export interface NextLink {
  kind: 'lesson' | 'lab';
  title: string;
  href: string;
}
