// Which Lab an attempt runs, wherever it lives: a content/labs folder (lab-catalogue.ts), the
// published version of an authored lab the attempt pinned when it started (a learner mid-attempt
// keeps it through any later publish or rollback), or, for an author's trial, the saved draft.
// Authored labs are loaded through the engine's tryLoadLabFiles from the stored files, cached by
// version id (versions never change) and by draft hash.

import { randomInt } from 'node:crypto';
import { getDb } from '../db';
import { findLab } from '../lab-catalogue';
import { tryLoadLabFiles, type Lab } from '../../../lab-engine/labs/loader';
import { labFilesHash, parseStoredLabFiles } from './lab-files-data';

/** Loaded labs kept per process; a version is a few hundred KiB at most. */
const MAX_CACHED_LABS = 64;
const cache = new Map<string, Promise<Lab | null>>();

function cached(key: string, load: () => Promise<Lab | null>): Promise<Lab | null> {
  let lab = cache.get(key);
  if (!lab) {
    lab = load().catch(() => null);
    cache.set(key, lab);
    if (cache.size > MAX_CACHED_LABS) cache.delete(cache.keys().next().value as string);
  }
  return lab;
}

async function loadFromStored(labId: string, json: string): Promise<Lab | null> {
  const loaded = await tryLoadLabFiles(labId, parseStoredLabFiles(json));
  return loaded.ok ? loaded.lab : null;
}

export interface PublishedLab {
  lab: Lab;
  versionId: string;
  number: number;
  ownerId: string;
  audience: 'cohorts' | 'everyone';
}

/** The authored lab's version `versionId`, loaded; null when it does not belong to `labId` or does not load. */
export async function versionLab(labId: string, versionId: string): Promise<Lab | null> {
  return cached(`version:${versionId}`, async () => {
    const row = await getDb().labVersion.findUnique({ where: { id: versionId }, select: { labId: true, files: true } });
    return row && row.labId === labId ? loadFromStored(labId, row.files) : null;
  });
}

/** The authored lab's current (highest) version, with who may see it; null when it has none. */
export async function currentPublishedLab(labId: string): Promise<PublishedLab | null> {
  if (labId.length > 64) return null;
  const row = await getDb().authoredLab.findUnique({
    where: { id: labId },
    select: { ownerId: true, audience: true, versions: { orderBy: { number: 'desc' }, take: 1, select: { id: true, number: true } } },
  });
  const version = row?.versions[0];
  if (!row || !version) return null;
  const lab = await versionLab(labId, version.id);
  return lab ? { lab, versionId: version.id, number: version.number, ownerId: row.ownerId, audience: row.audience } : null;
}

/** Who owns the authored lab and who may see it once published; null for a content lab or none. */
export async function authoredLabAccess(labId: string): Promise<{ ownerId: string; audience: 'cohorts' | 'everyone' } | null> {
  if (labId.length > 64) return null;
  return getDb().authoredLab.findUnique({ where: { id: labId }, select: { ownerId: true, audience: true } });
}

/** The saved draft, loaded; null when there is no such lab or the draft does not validate. */
export async function draftLab(labId: string): Promise<Lab | null> {
  const row = await getDb().authoredLab.findUnique({ where: { id: labId }, select: { draftFiles: true } });
  if (!row) return null;
  const files = parseStoredLabFiles(row.draftFiles);
  return cached(`draft:${labId}:${labFilesHash(files)}`, async () => {
    const loaded = await tryLoadLabFiles(labId, files);
    return loaded.ok ? loaded.lab : null;
  });
}

/** The lab an attempt runs: its pinned version, a trial's draft, else the content lab of its id. */
export async function labForAttempt(attempt: { labId: string; kind: string; labVersionId: string | null }): Promise<Lab | null> {
  if (attempt.labVersionId) return versionLab(attempt.labId, attempt.labVersionId);
  if (attempt.kind === 'trial') return draftLab(attempt.labId);
  return findLab(attempt.labId);
}

/**
 * The seed a new attempt runs with. A lab with variables draws them from it, so each attempt gets
 * its own (per-learner variation); any other keeps the lab's seed, as attempts always did.
 */
export function attemptSeedFor(lab: Lab): number {
  return Object.keys(lab.variables ?? {}).length > 0 ? randomInt(1, 2 ** 31 - 1) : (lab.seed ?? 1);
}
