import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { compilationCount, compileLessonFile } from './compile-lesson';
import { mdxContentFromCode } from './lesson-content';

const fixture = (name: string) => join(__dirname, 'testdata', name);

// Stand-ins that show which props each component received.
const components = {
  Diagram: ({ svg, title }: { svg: string; title: string }) => createElement('figure', { 'data-title': title, dangerouslySetInnerHTML: { __html: svg } }),
  RunnableCode: ({ command }: { command: string }) => createElement('button', { 'data-command': command }, 'Run'),
  Callout: ({ kind, children }: { kind: string; children: ReactNode }) => createElement('aside', { className: kind }, children),
};

describe('compileLessonFile', () => {
  it('bundles a lesson with every pipeline step applied and reads its frontmatter', async () => {
    const { code, frontmatter } = await compileLessonFile(fixture('lesson.mdx'));
    expect(frontmatter).toEqual({ summary: 'A fixture lesson.' });
    const html = renderToStaticMarkup(createElement(mdxContentFromCode(code), { components }));
    expect(html).toContain('<h1 id="fixture-lesson">Fixture lesson</h1>');
    expect(html).toMatch(/<figure data-title="Pod A talks to pod B"><svg [^>]*role="img"/);
    expect(html).toContain('<button data-command="kubectl get pods -o wide">Run</button>');
    expect(html).toContain('<aside class="note">Callouts are components too.</aside>');
    expect(html).not.toContain('```');
  });

  it('compiles a file once and again only when its content changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flatnet-lesson-'));
    const path = join(dir, 'lesson.mdx');
    copyFileSync(fixture('lesson.mdx'), path);
    const before = compilationCount();
    const first = await compileLessonFile(path);
    expect(await compileLessonFile(path)).toBe(first);
    expect(compilationCount()).toBe(before + 1);
    writeFileSync(path, '# Changed\n');
    const changed = await compileLessonFile(path);
    expect(changed).not.toBe(first);
    expect(compilationCount()).toBe(before + 2);
  });

  it('names the file and the line of an MDX syntax error', async () => {
    await expect(compileLessonFile(fixture('broken.mdx'))).rejects.toThrow(/broken\.mdx: the lesson does not compile:\n\s+line 6:1: Expected a closing tag for `<Callout>`/);
  });

  it('says which file is missing', async () => {
    await expect(compileLessonFile(fixture('missing.mdx'))).rejects.toThrow(/missing\.mdx: cannot read the lesson file \(ENOENT\); check the file: field/);
  });
});
