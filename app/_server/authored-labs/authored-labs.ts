// Labs written in the browser, as the database keeps them (issue 20): the draft (a lab folder as
// data), the last self-test and which draft it ran on, and the published versions. Callers have
// already asked authz.ts (`isStaff` to list and create, `canEditAuthoredLab` for the rest); the
// functions here take an id that was checked. Publishing demands a passing self-test on exactly
// the saved draft: the hash it ran on must be the draft's hash now.

import { getDb } from '../db';
import type { SessionUser } from '../auth';
import { listLabIds } from '../lab-catalogue';
import { ID_PATTERN } from '../../../lab-engine/labs/lab-id';
import { readYaml } from '../../../lab-engine/labs/lab-yaml';
import { draftSizeProblem, labFilesHash, parseStoredLabFiles, serializeLabFiles, type LabFiles } from './lab-files-data';
import { MAX_LABS_PER_OWNER, MAX_MODULE_CHARS, MAX_NOTE_CHARS, MAX_TITLE_CHARS, MAX_VERSIONS_PER_LAB } from './limits';

export type LabAudience = 'cohorts' | 'everyone';

/** A refusal meant for the author, with the HTTP status a route answers it with. */
export class AuthoringError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 413 | 429 = 400,
  ) {
    super(message);
  }
}

export interface AuthoredLabSummary {
  id: string;
  title: string;
  module: string;
  draftUpdatedAt: Date;
  currentVersion: number | null;
  audience: LabAudience;
}

export interface SelfTestRecord {
  filesHash: string;
  passed: boolean;
  report: unknown;
  at: Date;
}

export interface AuthoredLabDetail extends AuthoredLabSummary {
  ownerId: string;
  files: LabFiles;
  draftHash: string;
  selfTest: SelfTestRecord | null;
}

export interface VersionSummary {
  number: number;
  note: string;
  createdAt: Date;
  createdBy: string | null;
  current: boolean;
}

const MODULE_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

async function currentVersionNumber(labId: string): Promise<number | null> {
  const latest = await getDb().labVersion.findFirst({ where: { labId }, orderBy: { number: 'desc' }, select: { number: true } });
  return latest?.number ?? null;
}

/** The labs a staff member may edit: an instructor's own, for an admin every one. */
export async function listAuthoredLabs(viewer: SessionUser): Promise<AuthoredLabSummary[]> {
  const rows = await getDb().authoredLab.findMany({
    where: viewer.role === 'admin' ? {} : { ownerId: viewer.id },
    orderBy: { draftUpdatedAt: 'desc' },
    select: { id: true, title: true, module: true, draftUpdatedAt: true, audience: true, versions: { orderBy: { number: 'desc' }, take: 1, select: { number: true } } },
  });
  return rows.map(({ versions, ...row }) => ({ ...row, currentVersion: versions[0]?.number ?? null }));
}

/**
 * Refuses an id that is malformed, or taken by a content lab or another authored lab, or that a
 * deleted lab's learners still have attempts under (a new lab of that id would inherit their
 * progress and class-view cells).
 */
export async function assertFreeLabId(id: string): Promise<void> {
  if (!ID_PATTERN.test(id)) throw new AuthoringError(`"${id}" is not a lab id: use lowercase letters, digits and dashes (at most 64).`);
  if ((await listLabIds()).includes(id)) throw new AuthoringError(`The course already has a lab "${id}"; choose another id.`, 409);
  if (await getDb().authoredLab.findUnique({ where: { id }, select: { id: true } })) throw new AuthoringError(`A lab "${id}" exists already; choose another id.`, 409);
  if (await getDb().attempt.findFirst({ where: { labId: id, kind: 'lab' }, select: { id: true } })) {
    throw new AuthoringError(`Learners' attempts at a deleted lab "${id}" are kept under that id; choose another id.`, 409);
  }
}

function cleanTitle(title: string): string {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new AuthoringError('Give the lab a title.');
  if (trimmed.length > MAX_TITLE_CHARS) throw new AuthoringError(`A title has at most ${MAX_TITLE_CHARS} characters.`);
  return trimmed;
}

function cleanModule(module: string): string {
  if (!MODULE_PATTERN.test(module) || module.length > MAX_MODULE_CHARS) throw new AuthoringError(`"${module}" is not a module slug (lowercase letters, digits and dashes).`);
  return module;
}

/** The title and module a draft's lab.yaml names, when it says; for the list of labs. */
function headlineOf(files: LabFiles): { title?: string; module?: string } {
  const text = files['lab.yaml'];
  if (text === undefined) return {};
  const yaml = readYaml(text);
  if (!yaml.ok || typeof yaml.data !== 'object' || yaml.data === null) return {};
  const data = yaml.data as Record<string, unknown>;
  const title = typeof data.title === 'string' && data.title.trim() && data.title.length <= MAX_TITLE_CHARS ? data.title.trim() : undefined;
  const module = typeof data.module === 'string' && MODULE_PATTERN.test(data.module) && data.module.length <= MAX_MODULE_CHARS ? data.module : undefined;
  return { title, module };
}

function assertDraftSize(files: LabFiles): void {
  const problem = draftSizeProblem(files);
  if (problem) throw new AuthoringError(problem, 413);
}

/** A new draft with `files` (the scaffold, or an imported folder), owned by `owner`. */
export async function createAuthoredLab(owner: SessionUser, input: { id: string; title: string; module: string; files: LabFiles }): Promise<{ id: string }> {
  const title = cleanTitle(input.title);
  const module = cleanModule(input.module);
  await assertFreeLabId(input.id);
  assertDraftSize(input.files);
  const owned = await getDb().authoredLab.count({ where: { ownerId: owner.id } });
  if (owned >= MAX_LABS_PER_OWNER) throw new AuthoringError(`You already have ${MAX_LABS_PER_OWNER} labs, the most one person may.`, 409);
  try {
    await getDb().authoredLab.create({
      data: { id: input.id, ownerId: owner.id, title, module, draftFiles: serializeLabFiles(input.files), draftHash: labFilesHash(input.files) },
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'P2002') throw new AuthoringError(`A lab "${input.id}" exists already; choose another id.`, 409);
    throw error;
  }
  return { id: input.id };
}

export async function getAuthoredLab(labId: string): Promise<AuthoredLabDetail | null> {
  const row = await getDb().authoredLab.findUnique({ where: { id: labId } });
  if (!row) return null;
  let report: unknown;
  try {
    report = row.selfTestReport ? JSON.parse(row.selfTestReport) : null;
  } catch {
    report = null;
  }
  return {
    id: row.id,
    ownerId: row.ownerId,
    title: row.title,
    module: row.module,
    draftUpdatedAt: row.draftUpdatedAt,
    audience: row.audience,
    currentVersion: await currentVersionNumber(labId),
    files: parseStoredLabFiles(row.draftFiles),
    draftHash: row.draftHash,
    selfTest:
      row.selfTestHash && row.selfTestAt
        ? { filesHash: row.selfTestHash, passed: row.selfTestPassed === true, report, at: row.selfTestAt }
        : null,
  };
}

/** Replaces the draft's files; the list's title and module follow lab.yaml when it names them. */
export async function saveDraft(labId: string, files: LabFiles): Promise<{ savedAt: Date; draftHash: string }> {
  assertDraftSize(files);
  const savedAt = new Date();
  const draftHash = labFilesHash(files);
  await getDb().authoredLab.update({
    where: { id: labId },
    data: { draftFiles: serializeLabFiles(files), draftHash, draftUpdatedAt: savedAt, ...headlineOf(files) },
  });
  return { savedAt, draftHash };
}

/** Remembers a self-test's outcome with the hash of the files it ran on. */
export async function recordSelfTest(labId: string, result: { filesHash: string; passed: boolean; report: unknown }): Promise<Date> {
  const at = new Date();
  await getDb().authoredLab.update({
    where: { id: labId },
    data: { selfTestHash: result.filesHash, selfTestPassed: result.passed, selfTestReport: JSON.stringify(result.report), selfTestAt: at },
  });
  return at;
}

function cleanNote(note: string | undefined): string {
  const trimmed = (note ?? '').trim();
  if (trimmed.length > MAX_NOTE_CHARS) throw new AuthoringError(`A note has at most ${MAX_NOTE_CHARS} characters.`);
  return trimmed;
}

async function addVersion(labId: string, actor: SessionUser, files: LabFiles, note: string, audience?: LabAudience): Promise<number> {
  const db = getDb();
  return db.$transaction(async (tx) => {
    const latest = await tx.labVersion.findFirst({ where: { labId }, orderBy: { number: 'desc' }, select: { number: true } });
    const number = (latest?.number ?? 0) + 1;
    if (number > MAX_VERSIONS_PER_LAB) throw new AuthoringError(`A lab may have at most ${MAX_VERSIONS_PER_LAB} versions.`, 409);
    await tx.labVersion.create({
      data: { labId, number, files: serializeLabFiles(files), filesHash: labFilesHash(files), note, createdById: actor.id },
    });
    if (audience) await tx.authoredLab.update({ where: { id: labId }, data: { audience } });
    return number;
  });
}

/**
 * Publishes the saved draft as the next version. 409 unless the last self-test passed on exactly
 * these files; only an admin may publish to everyone.
 */
export async function publishDraft(labId: string, actor: SessionUser, input: { note?: string; audience?: LabAudience }): Promise<{ number: number }> {
  const note = cleanNote(input.note);
  if (input.audience === 'everyone' && actor.role !== 'admin') throw new AuthoringError('Only an admin may publish a lab to everyone; publish it to your cohorts.', 403);
  const lab = await getAuthoredLab(labId);
  if (!lab) throw new AuthoringError('No such lab.', 404);
  if (!lab.selfTest || lab.selfTest.filesHash !== lab.draftHash) throw new AuthoringError('Run the self-test on the saved draft first: publishing needs a passing self-test of exactly what is saved.', 409);
  if (!lab.selfTest.passed) throw new AuthoringError('The last self-test failed; fix the lab and run it again before publishing.', 409);
  const current = await getDb().labVersion.findFirst({ where: { labId }, orderBy: { number: 'desc' }, select: { number: true, filesHash: true } });
  if (current && current.filesHash === lab.draftHash) {
    // A second press of Publish would only add a copy; a change of audience alone needs no version.
    if (input.audience && input.audience !== lab.audience) {
      await getDb().authoredLab.update({ where: { id: labId }, data: { audience: input.audience } });
      return { number: current.number };
    }
    throw new AuthoringError(`Version ${current.number} already holds exactly this draft; change the lab before publishing again.`, 409);
  }
  return { number: await addVersion(labId, actor, lab.files, note, input.audience) };
}

export async function listVersions(labId: string): Promise<VersionSummary[]> {
  const rows = await getDb().labVersion.findMany({
    where: { labId },
    orderBy: { number: 'desc' },
    select: { number: true, note: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  return rows.map((row, index) => ({ number: row.number, note: row.note, createdAt: row.createdAt, createdBy: row.createdBy?.name ?? null, current: index === 0 }));
}

export async function versionFiles(labId: string, number: number): Promise<LabFiles | null> {
  const row = await getDb().labVersion.findUnique({ where: { labId_number: { labId, number } }, select: { files: true } });
  return row ? parseStoredLabFiles(row.files) : null;
}

/** Publishes an earlier version's files again, as a new version that becomes the current one. */
export async function rollbackTo(labId: string, actor: SessionUser, number: number): Promise<{ number: number }> {
  const files = await versionFiles(labId, number);
  if (!files) throw new AuthoringError(`Version ${number} does not exist.`, 404);
  if (number === (await currentVersionNumber(labId))) throw new AuthoringError(`Version ${number} is already the current one.`, 409);
  return { number: await addVersion(labId, actor, files, `Rollback to version ${number}`) };
}

/**
 * An imported folder: a new lab owned by `owner`, or, when `owner` may edit the lab of that id
 * already, its draft replaced. `canEdit` is the caller's authz answer for an existing id.
 */
export async function importAsDraft(owner: SessionUser, id: string, files: LabFiles, canEdit: boolean): Promise<{ id: string; created: boolean }> {
  const existing = await getDb().authoredLab.findUnique({ where: { id }, select: { id: true } });
  if (existing) {
    if (!canEdit) throw new AuthoringError(`A lab "${id}" exists already and is not yours; rename the folder and lab.yaml's id.`, 409);
    await saveDraft(id, files);
    return { id, created: false };
  }
  const headline = headlineOf(files);
  await createAuthoredLab(owner, { id, title: headline.title ?? id, module: headline.module ?? 'services', files });
  return { id, created: true };
}

/**
 * Deletes an authored lab: its draft, self-test and every published version go, and so do its
 * authors' trial runs and the cohorts' choice of it (with its due dates). Learners' attempts stay
 * theirs (check results, commands, hints: readable in their data export); they only lose the
 * version they pinned. While a learner is mid-attempt the deletion is refused (409) unless
 * `force`, which ends those attempts as if reset (they cannot go on without the lab). False when
 * there was no such lab.
 */
export async function deleteAuthoredLab(labId: string, options: { force?: boolean } = {}): Promise<{ deleted: boolean; closedAttempts: number }> {
  const midAttempt = { labId, kind: 'lab' as const, status: 'active' as const, completedAt: null };
  // One transaction, so a learner starting between the count and the deletion is counted.
  return getDb().$transaction(async (tx) => {
    const open = await tx.attempt.count({ where: midAttempt });
    if (open > 0 && !options.force) {
      throw new AuthoringError(
        `${open} learner${open === 1 ? ' is' : 's are'} in the middle of this lab; delete it anyway (their attempts end, their work stays theirs) with force.`,
        409,
      );
    }
    const { count: closedAttempts } = await tx.attempt.updateMany({ where: midAttempt, data: { status: 'reset', openLabId: null } });
    await tx.attempt.deleteMany({ where: { labId, kind: 'trial' } });
    await tx.cohortLab.deleteMany({ where: { labId } });
    // Versions cascade; the learners' attempts keep their rows, their labVersionId set to NULL.
    const { count } = await tx.authoredLab.deleteMany({ where: { id: labId } });
    return { deleted: count > 0, closedAttempts };
  });
}
