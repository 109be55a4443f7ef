// Pipeline step: a ```mermaid fence becomes <Diagram svg="…" title="…"/>, its SVG rendered now,
// at build time, so a learner's browser receives finished SVG and runs no diagram code.
// The title comes from the fence (```mermaid title="…"); every diagram needs one, because it
// is the diagram's accessible name.

import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { parseFenceMeta } from './fence-meta';
import { jsxFlowElement } from './mdx-jsx-node';
import { renderDiagramSvg } from './mermaid-svg';

export const DIAGRAM_COMPONENT = 'Diagram';

export function remarkMermaidSvg() {
  return async (tree: Root, file: VFile): Promise<void> => {
    const fences: { node: Code; index: number; parent: { children: unknown[] } }[] = [];
    visit(tree, 'code', (node, index, parent) => {
      if (node.lang === 'mermaid' && parent && index !== undefined) fences.push({ node, index, parent });
    });
    await Promise.all(
      fences.map(async ({ node, index, parent }) => {
        const title = parseFenceMeta(node.meta).attributes.get('title');
        if (!title) {
          const line = node.position?.start.line ?? '?';
          file.fail(`A mermaid diagram at line ${line} has no title: write \`\`\`mermaid title="What the diagram shows"`, node);
        }
        const { svg } = await renderDiagramSvg(node.value, title).catch((error: unknown) => {
          const line = node.position?.start.line ?? '?';
          throw new Error(`${file.path ?? 'lesson'}:${line}: the mermaid diagram does not render: ${String(error)}`);
        });
        parent.children[index] = jsxFlowElement(DIAGRAM_COMPONENT, { svg, title });
      }),
    );
  };
}
