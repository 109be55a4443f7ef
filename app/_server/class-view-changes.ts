// Cheap change detection for the live class view: a fingerprint of everything the view of a
// cohort is computed from (its settings and roster, its members' lab attempts, their check
// results, verdict changes, commands and hints, and the published authored labs it may show). The event stream polls it every few seconds and
// recomputes the whole view only when it moved. Polling the database, rather than a counter that
// attempts.ts bumps, also sees writes made by another process on the same file (a second server,
// a script) and needs no hook in the write path.

import { getDb } from './db';

export async function cohortFingerprint(cohortId: string): Promise<string> {
  const db = getDb();
  const members = await db.cohortMember.findMany({ where: { cohortId }, select: { userId: true } });
  const userIds = members.map((m) => m.userId);
  const ofMembers = { attempt: { userId: { in: userIds }, kind: 'lab' as const } };
  const ownerId = (await db.cohort.findUnique({ where: { id: cohortId }, select: { ownerId: true } }))?.ownerId ?? '';
  const [cohort, labs, modules, attempts, checks, events, commands, hints, authored, versions] = await Promise.all([
    db.cohort.findUnique({ where: { id: cohortId }, select: { updatedAt: true, stuckAfterMinutes: true } }),
    // The cohort's lab and module lists are short: read whole, so a changed due date shows too.
    db.cohortLab.findMany({ where: { cohortId }, orderBy: { labId: 'asc' }, select: { labId: true, dueAt: true } }),
    db.cohortModule.findMany({ where: { cohortId }, orderBy: { moduleId: 'asc' }, select: { moduleId: true } }),
    db.attempt.aggregate({ where: { userId: { in: userIds }, kind: 'lab' }, _count: true, _max: { updatedAt: true } }),
    db.checkResult.aggregate({ where: ofMembers, _count: true, _max: { updatedAt: true } }),
    db.checkEvent.aggregate({ where: ofMembers, _max: { id: true } }),
    db.commandEvent.aggregate({ where: ofMembers, _max: { id: true } }),
    db.hintReveal.aggregate({ where: ofMembers, _max: { id: true } }),
    // A publish, rollback, audience change or deletion can add or drop a column (cohort-labs.ts).
    db.authoredLab.aggregate({ where: { OR: [{ ownerId }, { audience: 'everyone' }] }, _count: true, _max: { updatedAt: true } }),
    db.labVersion.aggregate({ where: { lab: { OR: [{ ownerId }, { audience: 'everyone' }] } }, _count: true, _max: { createdAt: true } }),
  ]);
  return JSON.stringify([
    cohort,
    userIds.sort(),
    labs,
    modules,
    attempts._count,
    attempts._max.updatedAt,
    checks._count,
    checks._max.updatedAt,
    events._max.id,
    commands._max.id,
    hints._max.id,
    authored._count,
    authored._max.updatedAt,
    versions._count,
    versions._max.createdAt,
  ]);
}
