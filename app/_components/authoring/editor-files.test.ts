import { describe, expect, it } from 'vitest';
import { diffLineKind, isStepText, languageOf, newFilePath, orderedPaths } from './editor-files';

describe('editor files', () => {
  it('puts lab.yaml first, then steps, then files', () => {
    expect(orderedPaths(['files/api.yaml', 'steps/02-b.mdx', 'lab.yaml', 'steps/01-a.mdx'])).toEqual(['lab.yaml', 'steps/01-a.mdx', 'steps/02-b.mdx', 'files/api.yaml']);
  });

  it('picks the editor mode by extension', () => {
    expect(languageOf('lab.yaml')).toBe('yaml');
    expect(languageOf('files/x.yml')).toBe('yaml');
    expect(languageOf('steps/01-a.mdx')).toBe('markdown');
    expect(languageOf('files/script.sh')).toBe('text');
    expect(isStepText('steps/01-a.mdx')).toBe(true);
    expect(isStepText('files/readme.md')).toBe(false);
  });

  it('makes a new file’s path under its folder, refusing names that climb out', () => {
    expect(newFilePath('steps', '02-next')).toBe('steps/02-next.mdx');
    expect(newFilePath('files', 'db.yaml')).toBe('files/db.yaml');
    expect(newFilePath('files', '../lab.yaml')).toBeNull();
    expect(newFilePath('files', 'a/b')).toBeNull();
    expect(newFilePath('steps', '')).toBeNull();
  });

  it('classes unified diff lines', () => {
    expect(['--- a/lab.yaml', '+++ b/lab.yaml', '@@ -1,2 +1,2 @@', '-old', '+new', ' same'].map(diffLineKind)).toEqual(['header', 'header', 'hunk', 'remove', 'add', 'context']);
  });
});
