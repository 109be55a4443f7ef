// What /labs/custom/[id] shows a learner: the version of an authored lab their open attempt pinned
// (else the current one), instantiated with their attempt's variables, each step text compiled
// through the safe-MDX compiler with the same values. Null, and so a 404, for anyone who may not
// see the lab (authz.ts canViewAuthoredLab) and for a lab never published. A lab with variables
// opens the learner's attempt here when they have none, so the text shows their own values.

import type { SessionUser } from '../auth';
import { canViewAuthoredLab } from '../authz';
import { findActiveAttempt, getOrCreateActiveAttempt } from '../attempts';
import { getDb } from '../db';
import type { Lab } from '../../../lab-engine/labs/loader';
import { instantiateLab } from '../../../lab-engine/labs/lab-instance';
import { labVariables } from '../../../lab-engine/labs/lab-variables';
import { attemptSeedFor, currentPublishedLab, versionLab } from './attempt-lab';
import { parseStoredLabFiles, type LabFiles } from './lab-files-data';
import { compileAuthoredMdx } from './mdx';

export interface CustomLabStep {
  id: string;
  title: string;
  checkIds: string[];
  hints: string[];
  /** Compiled step text (mdx-bundler's function body), or null when it could not be compiled. */
  code: string | null;
}

export interface CustomLabView {
  id: string;
  title: string;
  module: string;
  version: number;
  steps: CustomLabStep[];
}

async function versionRow(versionId: string): Promise<{ number: number; files: LabFiles } | null> {
  const row = await getDb().labVersion.findUnique({ where: { id: versionId }, select: { number: true, files: true } });
  return row ? { number: row.number, files: parseStoredLabFiles(row.files) } : null;
}

function hasVariables(lab: Lab): boolean {
  return Object.keys(lab.variables ?? {}).length > 0;
}

export async function loadCustomLab(viewer: SessionUser | null, labId: string): Promise<CustomLabView | null> {
  if (!viewer || labId.length > 64) return null;
  const published = await currentPublishedLab(labId);
  if (!published || !(await canViewAuthoredLab(viewer, published))) return null;
  let attempt = await findActiveAttempt(viewer.id, labId, 'lab');
  if (!attempt && hasVariables(published.lab)) {
    attempt = await getOrCreateActiveAttempt(viewer.id, labId, attemptSeedFor(published.lab), 'lab', published.versionId);
  }
  const versionId = attempt?.labVersionId ?? published.versionId;
  const [template, row] = await Promise.all([versionLab(labId, versionId), versionRow(versionId)]);
  if (!template || !row) return null;
  const seed = attempt?.seed ?? template.seed ?? 1;
  const lab = hasVariables(template) ? instantiateLab(template, seed) : template;
  const values = hasVariables(template) ? labVariables(template, seed) : {};
  const steps = await Promise.all(
    lab.steps.map(async (step) => {
      const source = row.files[step.text] ?? '';
      const compiled = await compileAuthoredMdx(source, values);
      return { id: step.id, title: step.title, checkIds: step.checks.map((check) => check.id), hints: step.hints, code: compiled.ok ? compiled.code : null };
    }),
  );
  return { id: lab.id, title: lab.title, module: lab.module, version: row.number, steps };
}

export interface VisibleAuthoredLab {
  id: string;
  title: string;
  module: string;
  href: string;
}

/**
 * The published authored labs `viewer` may open, for a catalogue or a dashboard: the same rule as
 * authz.ts canViewAuthoredLab, asked in one query. Titles are the current version's.
 */
export async function listVisibleAuthoredLabs(viewer: SessionUser | null): Promise<VisibleAuthoredLab[]> {
  if (!viewer) return [];
  const rows = await getDb().authoredLab.findMany({
    where: {
      versions: { some: {} },
      ...(viewer.role === 'admin'
        ? {}
        : { OR: [{ audience: 'everyone' }, { ownerId: viewer.id }, { owner: { cohortsOwned: { some: { members: { some: { userId: viewer.id } } } } } }] }),
    },
    orderBy: { title: 'asc' },
    select: { id: true },
  });
  const labs = await Promise.all(rows.map((row) => currentPublishedLab(row.id)));
  return labs.flatMap((published) => (published ? [{ id: published.lab.id, title: published.lab.title, module: published.lab.module, href: `/labs/custom/${published.lab.id}` }] : []));
}
