// The quizzes a lesson holds, read from its MDX source on the server: each one's key, how many
// options it offers and which is right. The server grades a learner's saved answer with this
// (the browser only says which option was chosen) and counts a lesson's quizzes for progress.
// Parsed once per file content, like compiled lessons.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxExpressionAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { splitFrontmatter } from './lesson-frontmatter';
import { quizKey } from './quiz-key';

export interface LessonQuiz {
  key: string;
  question: string;
  optionCount: number;
  answer: number;
}

const cache = new Map<string, { hash: string; quizzes: LessonQuiz[] }>();

export async function lessonQuizzes(path: string): Promise<LessonQuiz[]> {
  const source = await readFile(path, 'utf8');
  const hash = createHash('sha256').update(source).digest('hex');
  const cached = cache.get(path);
  if (cached?.hash === hash) return cached.quizzes;
  const quizzes = quizzesInSource(source, path);
  cache.set(path, { hash, quizzes });
  return quizzes;
}

/**
 * Every <Quiz> whose question is a string and whose options and answer are literals; a quiz
 * written otherwise is left out (it still renders, it just is not saved or counted).
 */
export function quizzesInSource(source: string, path: string): LessonQuiz[] {
  const { body } = splitFrontmatter(source, path);
  const tree = unified().use(remarkParse).use(remarkMdx).parse(body) as Root;
  const quizzes: LessonQuiz[] = [];
  const visit = (node: Root | RootContent) => {
    if (node.type === 'mdxJsxFlowElement' && node.name === 'Quiz') {
      const quiz = readQuiz(node);
      if (quiz) quizzes.push(quiz);
    }
    if ('children' in node) for (const child of node.children) visit(child as RootContent);
  };
  visit(tree);
  return quizzes;
}

function readQuiz(node: MdxJsxFlowElement): LessonQuiz | null {
  const attribute = (name: string) =>
    node.attributes.find((a: MdxJsxAttribute | MdxJsxExpressionAttribute): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name)?.value;
  const question = attribute('question');
  const options = attribute('options');
  const answer = attribute('answer');
  if (typeof question !== 'string' || !options || typeof options === 'string' || !answer) return null;
  const answerIndex = Number(typeof answer === 'string' ? answer : answer.value);
  const optionCount = arrayLength(options.data?.estree);
  if (optionCount === null || !Number.isInteger(answerIndex) || answerIndex < 0 || answerIndex >= optionCount) return null;
  return { key: quizKey(question), question, optionCount, answer: answerIndex };
}

/** The length of an array literal expression (`{["a", "b"]}`), from MDX's estree; null for anything else. */
function arrayLength(program: unknown): number | null {
  const statement = (program as { body?: Array<{ type: string; expression?: { type: string; elements?: unknown[] } }> } | undefined)?.body?.[0];
  const expression = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
  return expression?.type === 'ArrayExpression' && expression.elements ? expression.elements.length : null;
}
