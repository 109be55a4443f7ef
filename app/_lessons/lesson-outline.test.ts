import { describe, expect, it } from 'vitest';
import { compileLessonSource } from './compile-lesson';
import { countWords, outlineLesson } from './lesson-outline';

const lesson = `---
summary: Two pods on one node.
minutes: 10
---

# Inside a node

Pods on one node share a **bridge**.

## Objectives

- Find the bridge with \`ip link\`.

## The bridge, step by step

See [the lab](/labs/readiness-probe-path) and [Services](/learn/services#service-types).

\`\`\`sh run expect='cni0'
ssh node-1 ip link show cni0
\`\`\`

\`\`\`mermaid title="Two pods on a bridge"
flowchart LR
  a --> b
\`\`\`

<Callout kind="note" title="Calico">No bridge at all.</Callout>

<Quiz question="Which device switches?" options={["cni0", "eth0"]} answer={0} explanation="The bridge." />

## The bridge, step by step
Again.
`;

describe('outlineLesson', () => {
  const outline = outlineLesson(lesson, 'inside.mdx');

  it('reads the title and the sections with the anchors GitHub would give them', () => {
    expect(outline.title).toBe('Inside a node');
    expect(outline.sections.map((s) => [s.heading, s.id])).toEqual([
      ['', ''],
      ['Objectives', 'objectives'],
      ['The bridge, step by step', 'the-bridge-step-by-step'],
      ['The bridge, step by step', 'the-bridge-step-by-step-1'],
    ]);
    expect(outline.sections[2].text).toBe('See the lab and Services . No bridge at all.');
  });

  it('counts prose only: code, diagrams and quiz attributes are not words', () => {
    expect(outline.proseWords).toBe(countWords('Pods on one node share a bridge. Find the bridge with ip link. See the lab and Services. No bridge at all. Again.'));
    expect(outline.proseWords).toBe(23);
    expect(outline.diagrams).toBe(1);
    expect(outline.runBlocks).toBe(1);
    expect(outline.quizzes).toBe(1);
  });

  it('lists links with their lines in the file', () => {
    expect(outline.links).toEqual([
      { url: '/labs/readiness-probe-path', line: 16 },
      { url: '/learn/services#service-types', line: 16 },
    ]);
    expect(outline.frontmatter).toEqual({ summary: 'Two pods on one node.', minutes: 10 });
  });

  it('gives the compiled headings the same anchors, so search hits land on the section', async () => {
    const { code } = await compileLessonSource(lesson, '/tmp/inside.mdx');
    for (const id of ['objectives', 'the-bridge-step-by-step', 'the-bridge-step-by-step-1']) expect(code).toContain(`id:"${id}"`);
  });
});
