// What the editor shows while an author types: every problem with a draft, each at its file, field
// and line. The lab itself through the engine's loader (paths, YAML, schema, cross-checks, step
// texts present: tryLoadLabFiles, the same code labctl runs), then each step text through the
// safe-MDX check. Nothing is saved or run.

import { tryLoadLabFiles, type Lab } from '../../../lab-engine/labs/loader';
import { labVariables } from '../../../lab-engine/labs/lab-variables';
import { authoredMdxIssues } from './mdx';
import type { LabFiles } from './lab-files-data';

/** The seed whose variable draw the editor shows in previews and checks step texts with. */
export const PREVIEW_SEED = 1;

export interface DraftIssue {
  /** `lab.yaml`, `steps/01-x.mdx`, … (a path inside the lab folder). */
  file: string;
  line?: number;
  column?: number;
  /** The field, e.g. `steps[0].checks[0].kind`, or `(top level)`. */
  path: string;
  message: string;
}

export type DraftCheck = { lab: Lab | null; issues: DraftIssue[] };

/** Every issue of the draft; `lab` is the loaded lab when its lab.yaml and files are valid. */
export async function checkDraft(id: string, files: LabFiles): Promise<DraftCheck> {
  const loaded = await tryLoadLabFiles(id, files);
  const issues: DraftIssue[] = loaded.ok
    ? []
    : loaded.issues.map((issue) => ({
        file: issue.file,
        path: issue.path,
        message: issue.message,
        ...(issue.line !== undefined ? { line: issue.line } : {}),
        ...(issue.column !== undefined ? { column: issue.column } : {}),
      }));
  const lab = loaded.ok ? loaded.lab : null;
  const values = lab ? labVariables(lab, PREVIEW_SEED) : {};
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    if (!path.startsWith('steps/') || !path.endsWith('.mdx')) continue;
    for (const issue of authoredMdxIssues(text, values)) issues.push({ file: path, line: issue.line, path: '(text)', message: issue.message });
  }
  return { lab: issues.length === 0 ? lab : null, issues };
}

/** The variable values a draft's preview shows (none when lab.yaml does not load). */
export async function previewValues(id: string, files: LabFiles): Promise<Record<string, string>> {
  const loaded = await tryLoadLabFiles(id, files);
  return loaded.ok ? labVariables(loaded.lab, PREVIEW_SEED) : {};
}
