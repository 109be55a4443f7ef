// Parses a lab's hint text (Markdown, as authors write it in lab.yaml) into the panel's safe tree
// (app/_components/lab/markdown.tsx), on the server at build time. Anything beyond the small set
// the tree knows (raw HTML, images, headings) degrades to its text, never to markup.

import type { PhrasingContent, Root, RootContent } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { MdBlock, MdInline } from '../_components/lab/markdown-tree';

const SAFE_HREF = /^(https?:\/\/|\/(?!\/)|#)/;

export function parseHintMarkdown(text: string): MdBlock[] {
  const tree = unified().use(remarkParse).parse(text) as Root;
  return blocks(tree.children);
}

function blocks(nodes: RootContent[]): MdBlock[] {
  const out: MdBlock[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph':
        out.push({ t: 'p', c: inline(node.children) });
        break;
      case 'code':
        out.push({ t: 'pre', v: node.value });
        break;
      case 'list':
        out.push({ t: node.ordered ? 'ol' : 'ul', items: node.children.map((item) => blocks(item.children)) });
        break;
      default:
        // Headings, quotes, HTML and the rest: their text, as a paragraph.
        if ('children' in node) out.push({ t: 'p', c: inline(node.children as PhrasingContent[]) });
        else if ('value' in node && typeof node.value === 'string') out.push({ t: 'p', c: [{ t: 'text', v: node.value }] });
    }
  }
  return out;
}

function inline(nodes: PhrasingContent[]): MdInline[] {
  const out: MdInline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
      case 'html':
        out.push({ t: 'text', v: node.value });
        break;
      case 'inlineCode':
        out.push({ t: 'code', v: node.value });
        break;
      case 'strong':
        out.push({ t: 'strong', c: inline(node.children) });
        break;
      case 'emphasis':
        out.push({ t: 'em', c: inline(node.children) });
        break;
      case 'link':
        out.push(SAFE_HREF.test(node.url) ? { t: 'link', href: node.url, c: inline(node.children) } : { t: 'em', c: inline(node.children) });
        break;
      case 'break':
        out.push({ t: 'br' });
        break;
      default:
        if ('children' in node) out.push(...inline(node.children as PhrasingContent[]));
        else if ('value' in node && typeof node.value === 'string') out.push({ t: 'text', v: node.value });
    }
  }
  return out;
}
