// Published authored labs for tests that are about something else (a cohort's labs, the class view,
// deleting a lab): the scaffold's lab, optionally with a second step, written straight into the
// database as a draft and versions, without the self-test a real publish demands (the authoring
// routes' own test covers that path).

import { scaffoldLab } from '../../../lab-engine/labs/lab-scaffold';
import { getDb } from '../db';
import { labFilesHash, serializeLabFiles, type LabFiles } from './lab-files-data';

const SECOND_STEP = `  - id: check-again
    title: Check it once more
    text: steps/02-check-again.mdx
    checks:
      - id: client-still-reaches-api
        title: client still reaches api:80
        kind: reachability
        from: { pod: client }
        to: { service: api, port: 80 }
        expect: allowed
`;

/** The scaffold's files for `id`, with a second step (two checks in all) when `twoSteps`. */
export function fixtureLabFiles(id: string, title: string, options: { twoSteps?: boolean; module?: string } = {}): LabFiles {
  const files = scaffoldLab({ id, title, module: options.module ?? 'services' });
  if (!options.twoSteps) return files;
  return {
    ...files,
    'lab.yaml': files['lab.yaml'].replace('\nsolution: |', `${SECOND_STEP}\nsolution: |`),
    'steps/02-check-again.mdx': 'Make sure it still answers.\n',
  };
}

/**
 * Publishes `files` as the next version of authored lab `labId` (created, owned by `ownerId`, when
 * it does not exist yet) and returns the version's id and number.
 */
export async function publishFixture(labId: string, ownerId: string, files: LabFiles, audience: 'cohorts' | 'everyone' = 'cohorts'): Promise<{ versionId: string; number: number }> {
  const db = getDb();
  const draft = { draftFiles: serializeLabFiles(files), draftHash: labFilesHash(files), audience };
  await db.authoredLab.upsert({
    where: { id: labId },
    create: { id: labId, ownerId, title: labId, module: 'services', ...draft },
    update: draft,
  });
  const number = (await db.labVersion.count({ where: { labId } })) + 1;
  const version = await db.labVersion.create({ data: { labId, number, files: draft.draftFiles, filesHash: draft.draftHash, createdById: ownerId } });
  return { versionId: version.id, number };
}
