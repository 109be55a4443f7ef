import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listModules } from './catalogue';
import { courseOutlineMarkdown, withOutline } from './course-outline';

describe('the README’s course outline', () => {
  it('is the outline of content/modules as it is now (run `npm run outline` after changing the course)', async () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const modules = await listModules();
    expect(readme).toBe(withOutline(readme, await courseOutlineMarkdown(modules)));
    for (const m of modules) expect(readme).toContain(`**${m.title}**`);
  });

  it('refuses a README without the markers rather than appending somewhere', () => {
    expect(() => withOutline('# Flatnet\n', 'x')).toThrow(/no outline markers/);
  });
});
