// The learner's stated findings (`answer <check-id> <value>`): the questions the lab asks (from
// its `answer` checks) and the last answer given to each. Part of the simulation's state, so a
// snapshot keeps it; `answer` checks read it. Plain data, bounded, no knowledge of the lab schema.

import { MAX_ANSWER_CHARS } from './limits';

export interface AnswerQuestion {
  /** The check id the learner names: `answer <id> <value>`. */
  id: string;
  /** What the lab asks, as `answer` lists it. */
  question: string;
}

/** Plain JSON, as a snapshot keeps it. */
export interface AnswerSheetState {
  questions: AnswerQuestion[];
  given: Record<string, string>;
}

export type RecordOutcome = { ok: true; value: string } | { ok: false; reason: 'unknown-question' | 'empty' | 'too-long' };

export class AnswerSheet {
  private readonly questionList: AnswerQuestion[];
  private readonly given: Map<string, string>;
  private changes = 0;

  constructor(state: AnswerSheetState = { questions: [], given: {} }) {
    this.questionList = state.questions.map((q) => ({ ...q }));
    const known = new Set(this.questionList.map((q) => q.id));
    this.given = new Map(Object.entries(state.given).filter(([id]) => known.has(id)));
  }

  questions(): readonly AnswerQuestion[] {
    return this.questionList;
  }

  /** Records an answer (whitespace trimmed and runs of it collapsed); a later answer replaces an earlier one. */
  record(id: string, raw: string): RecordOutcome {
    if (!this.questionList.some((q) => q.id === id)) return { ok: false, reason: 'unknown-question' };
    const value = raw.trim().replace(/\s+/g, ' ');
    if (!value) return { ok: false, reason: 'empty' };
    if (value.length > MAX_ANSWER_CHARS) return { ok: false, reason: 'too-long' };
    this.given.set(id, value);
    this.changes += 1;
    return { ok: true, value };
  }

  /** The answer given to a question, if any. */
  answerTo(id: string): string | undefined {
    return this.given.get(id);
  }

  /** Bumped by every recorded answer, so a host re-grades when one arrives. */
  revision(): number {
    return this.changes;
  }

  toJSON(): AnswerSheetState {
    return { questions: this.questionList.map((q) => ({ ...q })), given: Object.fromEntries(this.given) };
  }
}
