// What a lesson says, read from its MDX source without compiling it: its title, its sections
// (heading, anchor, prose), its links, and how many diagrams, quizzes and Run blocks it holds.
// The course search indexes the sections; the content tests hold every lesson to the course's
// shape (objectives, length, a diagram, a quiz or check-yourself questions) with it. Prose is what
// a learner reads: code fences, diagrams and quiz attributes are not counted as words.

import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { headingSlugger } from './heading-ids';
import { splitFrontmatter } from './lesson-frontmatter';

export interface LessonSection {
  heading: string;
  /** The heading's anchor on the page ('' for the text before the first ## heading). */
  id: string;
  text: string;
}

export interface LessonLink {
  url: string;
  line: number;
}

export interface LessonOutline {
  title: string;
  frontmatter: Record<string, unknown>;
  sections: LessonSection[];
  proseWords: number;
  diagrams: number;
  quizzes: number;
  runBlocks: number;
  links: LessonLink[];
}

const WORD = /[\p{L}\p{N}]/u;

export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => WORD.test(token)).length;
}

export function outlineLesson(source: string, path: string): LessonOutline {
  const { frontmatter, body } = splitFrontmatter(source, path);
  const tree = unified().use(remarkParse).use(remarkMdx).parse(body) as Root;
  const slugger = headingSlugger();
  const outline: LessonOutline = { title: '', frontmatter, sections: [], proseWords: 0, diagrams: 0, quizzes: 0, runBlocks: 0, links: [] };
  let section: LessonSection = { heading: '', id: '', text: '' };
  const prose: string[] = [];

  const startSection = (node: Heading) => {
    const heading = toString(node);
    const id = slugger.slug(heading);
    if (node.depth === 1 && !outline.title) {
      outline.title = heading;
      return;
    }
    if (section.heading || section.text.trim()) outline.sections.push(section);
    section = { heading, id, text: '' };
  };
  const addProse = (text: string) => {
    prose.push(text);
    section.text += `${text} `;
  };
  const walk = (node: Root | RootContent) => {
    switch (node.type) {
      case 'heading':
        startSection(node);
        return;
      case 'code':
        if (node.lang === 'mermaid') outline.diagrams += 1;
        else if (/(^|\s)run(\s|$)/.test(node.meta ?? '')) outline.runBlocks += 1;
        return;
      case 'link':
      case 'definition':
        outline.links.push({ url: node.url, line: node.position?.start.line ?? 0 });
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        if (node.name === 'Quiz') {
          outline.quizzes += 1;
          return;
        }
        break;
      case 'text':
      case 'inlineCode':
        addProse(node.value);
        return;
      default:
        break;
    }
    if ('children' in node) for (const child of node.children) walk(child as RootContent);
  };
  walk(tree);
  if (section.heading || section.text.trim()) outline.sections.push(section);
  outline.sections = outline.sections.map((s) => ({ ...s, text: s.text.replace(/\s+/g, ' ').trim() }));
  outline.proseWords = countWords(prose.join(' '));
  return outline;
}
