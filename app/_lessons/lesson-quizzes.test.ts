import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonQuizzes, quizzesInSource } from './lesson-quizzes';
import { quizKey } from './quiz-key';

describe('lesson quizzes', () => {
  it('reads each quiz’s key, option count and answer from the MDX', () => {
    const source = [
      '# A lesson',
      '',
      '<Quiz question="Which one?" options={["a", "b", "c"]} answer={2} explanation="Because." />',
      '',
      'Text between.',
      '',
      '<Quiz',
      '  question="And this one?"',
      "  options={['x', 'y']}",
      '  answer={0}',
      '/>',
    ].join('\n');
    expect(quizzesInSource(source, 'lesson.mdx')).toEqual([
      { key: quizKey('Which one?'), question: 'Which one?', optionCount: 3, answer: 2 },
      { key: quizKey('And this one?'), question: 'And this one?', optionCount: 2, answer: 0 },
    ]);
  });

  it('leaves out quizzes it cannot grade', () => {
    const source = [
      '<Quiz question="Out of range" options={["a"]} answer={3} />',
      '',
      '<Quiz question="Computed" options={list} answer={0} />',
    ].join('\n');
    expect(quizzesInSource(source, 'lesson.mdx')).toEqual([]);
  });

  it('finds the quiz of a real lesson', async () => {
    const quizzes = await lessonQuizzes(join(process.cwd(), 'content/modules/02-pod-network/pod-network-model.mdx'));
    expect(quizzes).toHaveLength(1);
    expect(quizzes[0]).toMatchObject({ optionCount: 3, answer: 1 });
  });

  it('keys a question the same however its whitespace is wrapped', () => {
    expect(quizKey('  Which   source\n address? ')).toBe(quizKey('Which source address?'));
    expect(quizKey('Which source address?')).toMatch(/^[0-9a-f]{8}$/);
    expect(quizKey('a')).not.toBe(quizKey('b'));
  });
});
