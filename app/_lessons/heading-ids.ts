// Pipeline step: every heading gets the anchor GitHub would give it (`## Service types` →
// `#service-types`), so the course search and other lessons can link to a section. The search
// index computes the same anchors with the same slugger, in the same order.

import GithubSlugger from 'github-slugger';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

export function headingSlugger(): GithubSlugger {
  return new GithubSlugger();
}

export function remarkHeadingIds() {
  return (tree: Root): void => {
    const slugger = headingSlugger();
    visit(tree, 'heading', (node) => {
      // mdast-util-to-hast copies data.hProperties onto the <h2> it makes of the heading.
      const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
      data.hProperties = { ...data.hProperties, id: slugger.slug(toString(node)) };
    });
  };
}
