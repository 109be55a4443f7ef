// Pipeline step: a fence marked `run` (```sh run) becomes <RunnableCode command="…"/>, shown
// with a Run button that types the command into the lab terminal. Fences without `run` stay
// ordinary code blocks, so an author opts in per block.

import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseFenceMeta } from './fence-meta';
import { jsxFlowElement } from './mdx-jsx-node';

export const RUNNABLE_COMPONENT = 'RunnableCode';

export function remarkRunnableCode() {
  return (tree: Root): void => {
    visit(tree, 'code', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const meta = parseFenceMeta(node.meta);
      if (!meta.flags.has('run')) return;
      parent.children[index] = jsxFlowElement(RUNNABLE_COMPONENT, {
        command: node.value.replace(/\s+$/, ''),
        language: node.lang ?? 'sh',
        label: meta.attributes.get('label'),
      });
    });
  };
}
