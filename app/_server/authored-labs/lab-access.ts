// Which lab a user may start or resume an attempt at, by id and kind, for the attempt routes: a
// content lab as before; an authored lab's current version (kind `lab`) for whoever may see it
// (authz.ts canViewAuthoredLab); an authored lab's draft (kind `trial`) only for whoever may edit
// it. Anything else reads as a missing lab.

import type { SessionUser } from '../auth';
import { canEditAuthoredLab, canViewAuthoredLab } from '../authz';
import { findLab } from '../lab-catalogue';
import type { AttemptKind, AttemptRecord } from '../attempts';
import type { Lab } from '../../../lab-engine/labs/loader';
import { authoredLabAccess, currentPublishedLab, draftLab, labForAttempt } from './attempt-lab';

export interface LabToStart {
  lab: Lab;
  /** The version a new attempt pins (authored labs, kind `lab`). */
  labVersionId: string | null;
}

/** The lab a new attempt of `kind` by `user` at `labId` would run, or null (no such lab, or not theirs to see). */
export async function labToStart(user: SessionUser, labId: string, kind: AttemptKind): Promise<LabToStart | null> {
  const content = await findLab(labId);
  if (content) return kind === 'trial' ? null : { lab: content, labVersionId: null };
  if (kind === 'trial') {
    if (!(await canEditAuthoredLab(user, labId))) return null;
    const lab = await draftLab(labId);
    return lab ? { lab, labVersionId: null } : null;
  }
  if (kind !== 'lab') return null;
  const published = await currentPublishedLab(labId);
  if (!published || !(await canViewAuthoredLab(user, published))) return null;
  return { lab: published.lab, labVersionId: published.versionId };
}

/** The lab an existing attempt of `user` runs, if they may still reach it (an audience can shrink). */
export async function labOfOwnAttempt(user: SessionUser, attempt: Pick<AttemptRecord, 'labId' | 'kind' | 'labVersionId'>): Promise<Lab | null> {
  const access = await authoredLabAccess(attempt.labId);
  if (access) {
    const allowed = attempt.kind === 'trial' ? await canEditAuthoredLab(user, attempt.labId) : await canViewAuthoredLab(user, access);
    if (!allowed) return null;
  }
  return labForAttempt(attempt);
}
