// Builds the MDX syntax-tree node for `<Name attr="value"/>`, which MDX compiles to a call of the
// component of that name from the `components` map. String attributes only: the remark steps
// hand components plain data computed at build time.

import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';

export function jsxFlowElement(name: string, attributes: Record<string, string | undefined>): MdxJsxFlowElement {
  return {
    type: 'mdxJsxFlowElement',
    name,
    attributes: Object.entries(attributes)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => ({ type: 'mdxJsxAttribute', name: key, value })),
    children: [],
  };
}
