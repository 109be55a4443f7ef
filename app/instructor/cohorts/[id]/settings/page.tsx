// /instructor/cohorts/[id]/settings: one cohort's settings for its owner (or an admin) — its name,
// join code (regenerate, expiry), the modules and labs it works on with a due date per lab (the
// course's, and the labs written in the browser that were published to it), and its roster. Anyone else gets a 404, as for a cohort that does not exist.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/app/_components/forms/action-form';
import { getSessionUser } from '@/app/_server/auth';
import { canManageCohort } from '@/app/_server/authz';
import { assignableAuthoredLabsOf, courseModulesWithLabs, type CatalogueLab } from '@/app/_server/cohort-labs';
import { cohortRoster, cohortSettings } from '@/app/_server/cohorts';
import { formatJoinCode } from '@/app/_server/join-code';
import { formatUtc, toDateTimeInput } from '@/app/_server/utc-datetime';
import { deleteCohortAction, regenerateCodeAction, removeMemberAction, renameAction, saveCourseAction, setExpiryAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Cohort settings' };

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function CohortSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser(await headers());
  if (!(await canManageCohort(user, id))) notFound();
  const [cohort, roster, modules, authoredLabs] = await Promise.all([cohortSettings(id), cohortRoster(id), courseModulesWithLabs(), assignableAuthoredLabsOf(id)]);
  if (!cohort) notFound();
  const chosenModules = new Set(cohort.moduleIds);
  const chosenLabs = new Map(cohort.labs.map((lab) => [lab.labId, lab.dueAt]));
  const expired = cohort.joinCodeExpiresAt !== null && cohort.joinCodeExpiresAt <= new Date();

  return (
    <main className="course-index">
      <p>
        <Link href="/instructor">← Your cohorts</Link> · <Link href={`/instructor/cohorts/${id}`}>Class view</Link>
      </p>
      <h1 data-testid="cohort-name">{cohort.name}</h1>

      <ActionForm action={renameAction.bind(null, id)} submitLabel="Rename" secondary testId="rename-cohort" aria-label="Rename the cohort">
        <div className="field">
          <label htmlFor="cohort-name">Name</label>
          <input id="cohort-name" name="name" type="text" maxLength={100} defaultValue={cohort.name} required />
        </div>
      </ActionForm>

      <h2>Join code</h2>
      <p>
        Learners join on their account page with this code:{' '}
        <strong className="join-code" data-testid="join-code">
          {formatJoinCode(cohort.joinCode)}
        </strong>
      </p>
      <p data-testid="join-code-expiry">
        {cohort.joinCodeExpiresAt
          ? `${expired ? 'Expired' : 'Works until'} ${formatUtc(cohort.joinCodeExpiresAt)}.`
          : 'It does not expire.'}
      </p>
      <ActionForm action={regenerateCodeAction.bind(null, id)} submitLabel="Make a new code" secondary testId="regenerate-code" aria-label="Make a new join code" />
      <ActionForm action={setExpiryAction.bind(null, id)} submitLabel="Save expiry" secondary testId="code-expiry" aria-label="Join code expiry">
        <div className="field">
          <label htmlFor="code-expires">Code expires (UTC; empty: never)</label>
          <input id="code-expires" name="expiresAt" type="datetime-local" defaultValue={toDateTimeInput(cohort.joinCodeExpiresAt)} />
        </div>
      </ActionForm>

      <h2>Modules and labs</h2>
      <p className="muted">
        Pick the labs the cohort does, each with an optional due date (UTC). With no labs picked, the cohort does the labs of the
        modules picked; with neither, the whole course. Either way that includes the labs its instructor wrote and published, in
        their module; a lab an admin published to everyone counts only when picked.
      </p>
      <ActionForm action={saveCourseAction.bind(null, id)} submitLabel="Save modules and labs" className="action-form action-form--stacked course-selection" testId="course-selection">
        <fieldset>
          <legend>Modules</legend>
          {modules.map((courseModule) => (
            <div key={courseModule.slug}>
              <label>
                <input type="checkbox" name="module" value={courseModule.slug} defaultChecked={chosenModules.has(courseModule.slug)} data-testid={`module-${courseModule.slug}`} />{' '}
                {courseModule.title}
              </label>
            </div>
          ))}
        </fieldset>
        {modules
          .filter((courseModule) => courseModule.labs.length > 0)
          .map((courseModule) => (
            <fieldset key={courseModule.slug}>
              <legend>Labs of {courseModule.title}</legend>
              {courseModule.labs.map((lab) => (
                <LabChoice key={lab.labId} lab={lab} chosen={chosenLabs} />
              ))}
            </fieldset>
          ))}
        {authoredLabs.length > 0 && (
          <fieldset data-testid="authored-lab-choices">
            <legend>Labs written in the browser</legend>
            <p className="muted">Published by the cohort's instructor, or by an admin to everyone; each learner keeps the version current when they start.</p>
            {authoredLabs.map((lab) => (
              <LabChoice key={lab.labId} lab={lab} chosen={chosenLabs} />
            ))}
          </fieldset>
        )}
      </ActionForm>

      <h2>Roster</h2>
      {roster.length === 0 ? (
        <p data-testid="roster-empty">Nobody has joined yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="roster">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {roster.map((member) => (
                <tr key={member.userId} data-testid={`member-${member.email}`}>
                  <th scope="row">{member.name}</th>
                  <td>{member.email}</td>
                  <td>{dateFormat.format(member.joinedAt)}</td>
                  <td>
                    <ActionForm action={removeMemberAction.bind(null, id)} submitLabel="Remove" secondary aria-label={`Remove ${member.name}`}>
                      <input type="hidden" name="userId" value={member.userId} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Delete this cohort</h2>
      <p>The roster, the chosen modules and labs, the due dates and the join code go; every learner keeps their account and all their own work.</p>
      <ActionForm action={deleteCohortAction.bind(null, id)} submitLabel="Delete cohort" secondary testId="delete-cohort" aria-label="Delete this cohort">
        <div className="field">
          <label htmlFor="delete-confirm">Type the cohort&apos;s name to confirm</label>
          <input id="delete-confirm" name="confirm" type="text" maxLength={200} autoComplete="off" required />
        </div>
      </ActionForm>
    </main>
  );
}

/** One lab's checkbox and due date (UTC) in the course selection. */
function LabChoice({ lab, chosen }: { lab: CatalogueLab; chosen: ReadonlyMap<string, Date | null> }) {
  return (
    <div className="course-selection__lab">
      <label>
        <input type="checkbox" name="lab" value={lab.labId} defaultChecked={chosen.has(lab.labId)} data-testid={`lab-${lab.labId}`} /> {lab.title}
      </label>
      <label>
        <span className="visually-hidden">Due date for {lab.title} (UTC)</span>
        <span aria-hidden="true" className="muted">
          Due{' '}
        </span>
        <input className="inline-input" type="datetime-local" name={`due-${lab.labId}`} defaultValue={toDateTimeInput(chosen.get(lab.labId) ?? null)} data-testid={`due-${lab.labId}`} />
      </label>
    </div>
  );
}
