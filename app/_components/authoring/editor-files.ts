// The lab folder as the editor's tabs: lab.yaml first, then the step texts, then files/, each
// with the editor mode that fits it; and the lines of a unified diff, classed for colour.

export type EditorLanguage = 'yaml' | 'markdown' | 'text';

export function languageOf(path: string): EditorLanguage {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.mdx?$/i.test(path)) return 'markdown';
  return 'text';
}

function rank(path: string): number {
  if (path === 'lab.yaml') return 0;
  if (path.startsWith('steps/')) return 1;
  return 2;
}

/** The tab order of a lab's files. */
export function orderedPaths(paths: Iterable<string>): string[] {
  return [...paths].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function isStepText(path: string): boolean {
  return path.startsWith('steps/') && /\.mdx?$/i.test(path);
}

/** A new file's path as an author types it: a name under steps/ or files/, no way out of the folder. */
export function newFilePath(folder: 'steps' | 'files', name: string): string | null {
  const trimmed = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,80}$/.test(trimmed) || trimmed.includes('..')) return null;
  const withExtension = folder === 'steps' && !/\.mdx$/.test(trimmed) ? `${trimmed}.mdx` : trimmed;
  return `${folder}/${withExtension}`;
}

export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'header' | 'context';

export function diffLineKind(line: string): DiffLineKind {
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('Index:') || line.startsWith('====')) return 'header';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'remove';
  return 'context';
}
