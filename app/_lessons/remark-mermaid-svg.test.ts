import { describe, expect, it } from 'vitest';
import { remarkMermaidSvg } from './remark-mermaid-svg';
import { attributesOf, jsxElements, runStep } from './remark-test-kit';

describe('remarkMermaidSvg', () => {
  it('replaces a mermaid fence with <Diagram/> holding SVG rendered now', async () => {
    const tree = await runStep(remarkMermaidSvg, 'diagram.mdx');
    const [diagram, ...rest] = jsxElements(tree, 'Diagram').map(attributesOf);
    expect(rest).toHaveLength(0);
    expect(diagram.title).toBe('Two pods on two nodes');
    expect(diagram.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(diagram.svg).toContain('pod B');
    expect(diagram.svg).not.toContain('@import');
    expect(tree.children.filter((node) => node.type === 'code')).toMatchObject([{ lang: 'yaml' }]);
  });

  it('refuses a diagram without a title and says how to add one', async () => {
    await expect(runStep(remarkMermaidSvg, 'untitled-diagram.mdx')).rejects.toThrow(/line 3 has no title: write ```mermaid title=/);
  });
});
