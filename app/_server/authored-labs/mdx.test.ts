// Authored step text on its way to learners: variables substituted before the safe-subset check
// (so `{{ns}}` is text, not an expression), an unknown one shown as its name, and the issue's
// acceptance cases refused with a clear message — an expression, an import, a <script>, an
// onerror= attribute — while plain Markdown, Callout and a Run block compile.

import { describe, expect, it } from 'vitest';
import { authoredMdxIssues, compileAuthoredMdx, withVariables } from './mdx';

describe('authored step text', () => {
  it('substitutes known variables and shows unknown ones as their name in code', () => {
    expect(withVariables('Namespace {{ns}} on {{ port }}; {{missing}}.', { ns: 'shop', port: '8080' })).toBe('Namespace shop on 8080; `missing`.');
    expect(authoredMdxIssues('Create the namespace {{ns}}.', { ns: 'shop' })).toEqual([]);
    expect(authoredMdxIssues('Create the namespace {{ns}}.')).toEqual([]);
  });

  it.each([
    ['an expression', 'Total: {1 + 1}', /JavaScript expressions/],
    ['an import', "import X from 'fs'\n\nHello", /`import` and `export` are not allowed/],
    ['a script', 'Hi\n\n<script>alert(1)</script>', /<script> is not allowed/],
    ['an onerror attribute', '<abbr title="x" onerror="alert(1)">K8s</abbr>', /event-handler attributes such as onerror=/],
  ])('refuses %s without compiling it', async (_name, source, message) => {
    const compiled = await compileAuthoredMdx(source);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });

  it('compiles Markdown, a Callout and a Run block to a function body with the values in place', async () => {
    const compiled = await compileAuthoredMdx('## Fix {{svc}}\n\n<Callout>Careful.</Callout>\n\n```sh run\nkubectl get svc {{svc}}\n```\n', { svc: 'api' });
    expect(compiled.ok).toBe(true);
    if (compiled.ok) {
      expect(compiled.code).toContain('Fix api');
      expect(compiled.code).toContain('kubectl get svc api');
      expect(compiled.code).toContain('RunnableCode');
    }
  });
});
