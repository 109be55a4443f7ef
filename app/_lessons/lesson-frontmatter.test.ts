import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from './lesson-frontmatter';

describe('splitFrontmatter', () => {
  it('parses the frontmatter and keeps the body on its original lines', () => {
    const { frontmatter, body } = splitFrontmatter('---\nsummary: Hi\nminutes: 5\n---\n# Title\n', 'x.mdx');
    expect(frontmatter).toEqual({ summary: 'Hi', minutes: 5 });
    expect(body.split('\n').indexOf('# Title')).toBe(4);
  });

  it('leaves a lesson without frontmatter unchanged', () => {
    expect(splitFrontmatter('# Title\n---\n', 'x.mdx')).toEqual({ frontmatter: {}, body: '# Title\n---\n' });
  });

  it('names the file when the frontmatter is not YAML or not a mapping', () => {
    expect(() => splitFrontmatter('---\na: [\n---\n', 'x.mdx')).toThrow(/^x\.mdx: the frontmatter between the --- lines is not valid YAML/);
    expect(() => splitFrontmatter('---\n- a\n---\n', 'x.mdx')).toThrow(/x\.mdx: the frontmatter must be key: value pairs/);
  });
});
