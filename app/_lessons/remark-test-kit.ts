// Test helper for the remark steps: parses an MDX fixture the way the lesson pipeline does and
// runs one step over it, so each step is tested on its own.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';

export async function runStep(plugin: Plugin<[], Root>, fixture: string): Promise<Root> {
  const path = join(__dirname, 'testdata', fixture);
  const file = new VFile({ path, value: readFileSync(path, 'utf8') });
  const processor = unified().use(remarkParse).use(remarkMdx).use(plugin);
  return (await processor.run(processor.parse(file), file)) as Root;
}

export function jsxElements(tree: Root, name: string): MdxJsxFlowElement[] {
  return tree.children.filter((node: RootContent): node is MdxJsxFlowElement => node.type === 'mdxJsxFlowElement' && node.name === name);
}

export function attributesOf(element: MdxJsxFlowElement): Record<string, unknown> {
  return Object.fromEntries(element.attributes.flatMap((a) => (a.type === 'mdxJsxAttribute' ? [[a.name, a.value]] : [])));
}
