// The safe subset of MDX for text written in the browser (issue 20): what an instructor types is
// compiled on the server and rendered to learners, so it may not carry code. Refused, each with
// its line: `import`/`export`, `{expressions}` in text, JSX attributes whose value is code (only
// JSON literals such as a Quiz's `options={["a", "b"]}` or `answer={1}` pass), spread attributes,
// components outside the lesson vocabulary, HTML elements outside a small allow-list (so no
// `<script>`, `<iframe>`, `<style>`), event-handler attributes (`onerror=`), and `javascript:`
// (or other non-web) URLs in links, images and attributes. Files in the repository are trusted
// and compiled as they are; this guards the path where the author is a user of the site.

import type { Root } from 'mdast';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface MdxIssue {
  line: number;
  message: string;
}

/** Components an authored text may use: the hand-written part of the lesson vocabulary. */
const COMPONENTS: ReadonlySet<string> = new Set(['Callout', 'Quiz']);

/** Plain HTML elements with no behaviour of their own. */
const HTML_ELEMENTS: ReadonlySet<string> = new Set(['details', 'summary', 'kbd', 'abbr', 'sub', 'sup', 'br', 'mark', 'small', 'dl', 'dt', 'dd']);

/** Schemes a link may use; relative URLs and fragments have none. */
const SAFE_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto']);

/** Beyond this, authored MDX is refused before parsing (the field limit of the editor). */
export const MAX_AUTHORED_MDX_CHARS = 64 * 1024;

interface AnyNode {
  type: string;
  name?: string | null;
  url?: string;
  value?: unknown;
  attributes?: AnyNode[];
  children?: AnyNode[];
  position?: { start: { line: number } };
}

/** The problems with an authored MDX text; empty when it is in the safe subset. */
export function checkAuthoredMdx(source: string): MdxIssue[] {
  if (source.length > MAX_AUTHORED_MDX_CHARS) {
    return [{ line: 1, message: `The text is ${source.length} characters long; at most ${MAX_AUTHORED_MDX_CHARS} are allowed.` }];
  }
  let tree: Root;
  try {
    tree = unified().use(remarkParse).use(remarkMdx).parse(source) as Root;
  } catch (error) {
    // micromark names the place only inside its message: "Expected a closing tag for `<Callout>` (3:1-3:22)".
    const text = error instanceof Error ? error.message : String(error);
    const place = /\s*\((\d+):\d+(?:-\d+:\d+)?\)$/.exec(text);
    return [{ line: place ? Number(place[1]) : 1, message: `${place ? text.slice(0, place.index) : text}.` }];
  }
  const issues: MdxIssue[] = [];
  visit(tree as unknown as AnyNode, issues);
  return issues;
}

function visit(node: AnyNode, issues: MdxIssue[]): void {
  const line = node.position?.start.line ?? 1;
  const refuse = (message: string) => issues.push({ line, message });
  switch (node.type) {
    case 'mdxjsEsm':
      refuse('`import` and `export` are not allowed in text written here; use the components Callout and Quiz, which are always available.');
      break;
    case 'mdxFlowExpression':
    case 'mdxTextExpression':
      refuse('JavaScript expressions in braces (`{…}`) are not allowed in text written here; write the text itself, or escape the brace as `\\{`.');
      break;
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      checkElement(node, refuse);
      break;
    case 'link':
    case 'image':
    case 'definition':
      if (node.url !== undefined && !safeUrl(node.url)) refuse(`The link "${node.url}" uses a scheme that is not allowed; use http, https or mailto.`);
      break;
    default:
      break;
  }
  for (const child of node.children ?? []) visit(child, issues);
}

function checkElement(node: AnyNode, refuse: (message: string) => void): void {
  const name = node.name ?? '';
  if (!name) {
    refuse('Fragments (`<>…</>`) are not allowed in text written here.');
    return;
  }
  const isComponent = /^[A-Z]/.test(name);
  if (isComponent ? !COMPONENTS.has(name) : !HTML_ELEMENTS.has(name)) {
    const allowed = isComponent ? [...COMPONENTS] : [...HTML_ELEMENTS];
    refuse(`<${name}> is not allowed in text written here; the ${isComponent ? 'components' : 'HTML elements'} allowed are ${allowed.join(', ')}.`);
  }
  for (const attribute of node.attributes ?? []) {
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      refuse(`<${name}>: spread attributes (\`{...}\`) are not allowed in text written here.`);
      continue;
    }
    const attributeName = attribute.name ?? '';
    if (/^on/i.test(attributeName)) {
      refuse(`<${name}>: event-handler attributes such as ${attributeName}= are not allowed in text written here.`);
      continue;
    }
    const value = attribute.value;
    if (value && typeof value === 'object' && (value as AnyNode).type === 'mdxJsxAttributeValueExpression') {
      const code = String((value as AnyNode).value ?? '');
      if (!isJsonLiteral(code)) refuse(`<${name}>: ${attributeName}={…} may hold only a literal (a string, a number, or a list of strings), not code.`);
      continue;
    }
    if (typeof value === 'string' && /^(href|src|action|formaction|xlink:href)$/i.test(attributeName) && !safeUrl(value)) {
      refuse(`<${name}>: ${attributeName}="${value}" uses a scheme that is not allowed; use http, https or mailto.`);
    }
  }
}

function isJsonLiteral(code: string): boolean {
  try {
    const value: unknown = JSON.parse(code);
    return value !== null && typeof value !== 'object' ? true : Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number');
  } catch {
    return false;
  }
}

function safeUrl(url: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const compact = [...url].filter((char) => char.charCodeAt(0) > 0x20).join('');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(compact)?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
}
