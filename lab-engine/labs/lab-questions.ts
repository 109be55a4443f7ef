// The questions a lab asks: one per `answer` check, handed to the simulation so the learner's
// `answer` command can list them and refuse an id the lab does not ask. Types only, so labsh can
// use it without loading the schema (zod) or the loader (YAML).

import type { AnswerQuestion } from '../core/answer-sheet';
import type { Lab } from './loader';

export function labQuestions(lab: Pick<Lab, 'steps'>): AnswerQuestion[] {
  return lab.steps.flatMap((step) => step.checks.flatMap((check) => (check.kind === 'answer' ? [{ id: check.id, question: check.question }] : [])));
}
