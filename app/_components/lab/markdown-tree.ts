// A small, safe Markdown tree for the lab panel's hints: what an author writes in a hint
// (paragraphs, `code`, **bold**, _emphasis_, links, lists, code blocks) as plain JSON, so the
// server parses it once (app/labs/hint-markdown.ts) and the panel renders it (markdown.tsx).

export type MdInline =
  | { t: 'text'; v: string }
  | { t: 'code'; v: string }
  | { t: 'strong'; c: MdInline[] }
  | { t: 'em'; c: MdInline[] }
  | { t: 'link'; href: string; c: MdInline[] }
  | { t: 'br' };

export type MdBlock = { t: 'p'; c: MdInline[] } | { t: 'pre'; v: string } | { t: 'ul' | 'ol'; items: MdBlock[][] };

/** The text of a tree, for accessible names and tests. */
export function markdownText(blocks: MdBlock[]): string {
  const inline = (nodes: MdInline[]): string =>
    nodes.map((n) => (n.t === 'text' || n.t === 'code' ? n.v : n.t === 'br' ? ' ' : inline(n.c))).join('');
  return blocks
    .map((b) => (b.t === 'p' ? inline(b.c) : b.t === 'pre' ? b.v : b.items.map((item) => markdownText(item)).join(' ')))
    .join(' ');
}
