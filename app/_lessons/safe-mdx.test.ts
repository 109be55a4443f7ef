// The safe subset for MDX written in the browser: code in any of its forms is refused with a
// message and the line; what lessons really use (Markdown, Callout, Quiz with literal options,
// <details>) passes.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAuthoredMdx, MAX_AUTHORED_MDX_CHARS } from './safe-mdx';

const messages = (source: string) => checkAuthoredMdx(source).map((issue) => `${issue.line}: ${issue.message}`);

describe('checkAuthoredMdx', () => {
  it('refuses an expression, an import, a <script> and an onerror= attribute, each at its line', () => {
    expect(messages('Hello\n\n{process.env.BETTER_AUTH_SECRET}\n')).toEqual([
      '3: JavaScript expressions in braces (`{…}`) are not allowed in text written here; write the text itself, or escape the brace as `\\{`.',
    ]);
    expect(messages("import fs from 'node:fs'\n\n# Title\n")).toEqual([
      '1: `import` and `export` are not allowed in text written here; use the components Callout and Quiz, which are always available.',
    ]);
    expect(messages('Text\n\n<script>alert(1)</script>\n')[0]).toMatch(/^3: <script> is not allowed in text written here; the HTML elements allowed are details, summary/);
    expect(messages('Look: <img src="x" onerror="alert(1)" />\n')).toEqual([
      '1: <img> is not allowed in text written here; the HTML elements allowed are details, summary, kbd, abbr, sub, sup, br, mark, small, dl, dt, dd.',
      '1: <img>: event-handler attributes such as onerror= are not allowed in text written here.',
    ]);
    expect(messages('<details onToggle="steal()"><summary>More</summary>x</details>\n')).toEqual([
      '1: <details>: event-handler attributes such as onToggle= are not allowed in text written here.',
    ]);
  });

  it('refuses code hidden in attributes, spreads, unknown components and javascript: links', () => {
    expect(messages('<Quiz question="q" options={globalThis.list} answer={1} />\n')).toEqual([
      '1: <Quiz>: options={…} may hold only a literal (a string, a number, or a list of strings), not code.',
    ]);
    expect(messages('<Callout {...props} />\n')).toEqual(['1: <Callout>: spread attributes (`{...}`) are not allowed in text written here.']);
    expect(messages('<RunnableCode code="rm -rf /" />\n')[0]).toMatch(/^1: <RunnableCode> is not allowed/);
    expect(messages('[x]: javascript:alert(1)\n\n[click][x]\n')).toEqual(['1: The link "javascript:alert(1)" uses a scheme that is not allowed; use http, https or mailto.']);
    expect(messages('<abbr title="x" href="java\tscript:alert(1)">a</abbr>\n')).toHaveLength(1);
    expect(messages('[click](JAVASCRIPT:alert(1))\n')[0]).toMatch(/uses a scheme that is not allowed/);
    expect(messages('<abbr title="x" href="javascript:alert(1)">a</abbr>\n')[0]).toMatch(/href="javascript:alert\(1\)" uses a scheme/);
  });

  it('reports a syntax error with its line instead of throwing', () => {
    expect(messages('fine\n\n<Callout kind="note">\nnever closed\n')).toEqual(['3: Expected a closing tag for `<Callout>`.']);
  });

  it('refuses a text over the size limit before parsing it', () => {
    expect(messages('a'.repeat(MAX_AUTHORED_MDX_CHARS + 1))[0]).toMatch(/^1: The text is \d+ characters long/);
  });

  it('passes what lessons really write: Markdown, links, code, Callout, a Quiz with literal options, <details>', () => {
    const lesson = readFileSync('content/modules/02-pod-network/pause-container-and-host-network.mdx', 'utf8').replace(/^---[\s\S]*?---\n/, '');
    expect(checkAuthoredMdx(lesson)).toEqual([]);
    expect(checkAuthoredMdx('See [the docs](https://kubernetes.io/docs/) and [below](#next).\n\n```sh run\nkubectl get pods\n```\n')).toEqual([]);
  });
});
