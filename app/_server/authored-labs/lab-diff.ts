// What changed between two states of a lab (two versions, or a version and the draft), file by
// file, as unified diffs (jsdiff's createTwoFilesPatch): the editor's history view. Files only on
// one side diff against empty text; unchanged files are left out.

import { createTwoFilesPatch } from 'diff';
import type { LabFiles } from './lab-files-data';
import { MAX_PATCH_CHARS } from './limits';

export interface FileDiff {
  path: string;
  patch: string;
}

export function diffLabFiles(from: LabFiles, to: LabFiles, labels: { from: string; to: string }): FileDiff[] {
  const paths = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const diffs: FileDiff[] = [];
  for (const path of paths) {
    const before = from[path];
    const after = to[path];
    if (before === after) continue;
    const patch = createTwoFilesPatch(
      before === undefined ? '/dev/null' : `a/${path}`,
      after === undefined ? '/dev/null' : `b/${path}`,
      before ?? '',
      after ?? '',
      labels.from,
      labels.to,
      { context: 3 },
    );
    diffs.push({ path, patch: patch.length > MAX_PATCH_CHARS ? `${patch.slice(0, MAX_PATCH_CHARS)}\n… (diff cut at ${MAX_PATCH_CHARS} characters)\n` : patch });
  }
  return diffs;
}
