// answer: Flatnet's own command (no real tool has it) for stating a finding the lab asks for,
// e.g. `answer kube-proxy-down node-2`. The lab's `answer` checks grade what is recorded here
// against the truth the model holds when they run; this command only records and lists.

import type { AnswerSheet } from '../../../core/answer-sheet';
import type { CommandContext, ShellCommand } from '../../command-types';
import { fail, ok } from '../../command-types';
import { MAX_ANSWER_CHARS } from '../../../core/limits';

const USAGE = 'Usage: answer [QUESTION-ID [VALUE...]]';

export const answer: ShellCommand = {
  name: 'answer',
  run(ctx: CommandContext) {
    const sheet = ctx.answers;
    const [id, ...words] = ctx.args;
    if (id === '--help' || id === '-h') return ok(help(sheet));
    if (id?.startsWith('-')) return fail(`answer: unknown option ${id}\n${USAGE}\nTry 'answer --help' for more information.\n`, 2);
    if (!sheet || sheet.questions().length === 0) return fail('answer: this lab asks no questions; there is nothing to answer here\n');
    if (id === undefined) return ok(listing(sheet));
    const question = sheet.questions().find((q) => q.id === id);
    if (!question) return fail(`answer: this lab asks no question "${id}"\n${askedLine(sheet)}`, 2);
    if (words.length === 0) {
      const given = sheet.answerTo(id);
      return ok(`${question.question}\n${given === undefined ? `No answer yet. Give one with: answer ${id} VALUE\n` : `Your answer: ${given}\n`}`);
    }
    const outcome = sheet.record(id, words.join(' '));
    if (outcome.ok) return ok(`Recorded your answer to ${id}: ${outcome.value}\n`);
    switch (outcome.reason) {
      case 'empty':
        return fail(`answer: the answer to ${id} is empty\n${USAGE}\n`, 2);
      case 'too-long':
        return fail(`answer: an answer may be at most ${MAX_ANSWER_CHARS} characters\n`, 2);
      case 'unknown-question':
        return fail(`answer: this lab asks no question "${id}"\n${askedLine(sheet)}`, 2);
      default: {
        const never: never = outcome.reason;
        return never;
      }
    }
  },
};

function listing(sheet: AnswerSheet): string {
  return sheet
    .questions()
    .map((q) => `${q.id}: ${q.question}\n  ${sheet.answerTo(q.id) === undefined ? '(no answer yet)' : `your answer: ${sheet.answerTo(q.id)}`}\n`)
    .join('');
}

function askedLine(sheet: AnswerSheet): string {
  return `Questions in this lab: ${sheet.questions().map((q) => q.id).join(', ')}\n`;
}

function help(sheet: AnswerSheet | undefined): string {
  const lines = [
    USAGE,
    'State a finding the lab asks for; its check grades it against the cluster as it is now.',
    '',
    '  answer                 list the questions and your answers so far',
    '  answer ID              show one question and your answer',
    '  answer ID VALUE        record VALUE as your answer (replaces an earlier one)',
    '',
    'Case and extra spaces do not matter. Quote a value with spaces or shell characters.',
  ];
  const first = sheet?.questions()[0];
  if (sheet && first) lines.push(`Example: answer ${first.id} <your finding>`, '', askedLine(sheet).trimEnd());
  return `${lines.join('\n')}\n`;
}
