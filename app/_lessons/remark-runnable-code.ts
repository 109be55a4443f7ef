// Pipeline step: a fence marked `run` (```sh run) becomes <RunnableCode command="…"/>, shown
// with a Run button that types the command into the lab terminal. Fences without `run` stay
// ordinary code blocks, so an author opts in per block. What may follow `run` (a label, a wait
// condition, the expected output) is read by run-blocks.ts; a mistake fails the build with the
// file and line.

import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { parseFenceMeta } from './fence-meta';
import { jsxFlowElement } from './mdx-jsx-node';
import { readRunMeta } from './run-blocks';

export const RUNNABLE_COMPONENT = 'RunnableCode';

export function remarkRunnableCode() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'code', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const read = readRunMeta(parseFenceMeta(node.meta));
      if (!read) return;
      if (!read.ok) file.fail(`The run block at line ${node.position?.start.line ?? '?'}: ${read.error}`, node);
      parent.children[index] = jsxFlowElement(RUNNABLE_COMPONENT, {
        command: node.value.replace(/\s+$/, ''),
        language: node.lang ?? 'sh',
        label: read.meta.label,
        waitFor: read.meta.waitForText,
      });
    });
  };
}
