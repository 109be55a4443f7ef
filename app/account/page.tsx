// /account: the signed-in person's own things — join a cohort with a code, the cohorts they are in
// with their labs' due dates, the labs their instructors wrote in the browser and published to them,
// download their data, delete the account. Per request (it is about one
// person); signed out, it says how to sign in.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { ActionForm } from '@/app/_components/forms/action-form';
import { getSessionUser } from '@/app/_server/auth';
import { listVisibleAuthoredLabs } from '@/app/_server/authored-labs/custom-lab-view';
import { myCohorts, type MyCohort } from '@/app/_server/cohort-membership';
import { ownedCohortCount } from '@/app/_server/cohorts';
import { formatUtc } from '@/app/_server/utc-datetime';
import { deleteAccountAction, joinCohortAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

function CohortCard({ cohort }: { cohort: MyCohort }) {
  const dated = cohort.labs.filter((lab) => lab.dueAt !== null);
  return (
    <section className="module-card" data-testid={`my-cohort-${cohort.cohortId}`} aria-labelledby={`cohort-${cohort.cohortId}`}>
      <h3 id={`cohort-${cohort.cohortId}`} data-testid="my-cohort-name">
        {cohort.name}
      </h3>
      <p className="muted">
        Run by {cohort.instructor} · joined {dateFormat.format(cohort.joinedAt)}
      </p>
      {cohort.labsChosen ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Lab</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {cohort.labs.map((lab) => (
                <tr key={lab.labId} data-testid={`my-cohort-lab-${lab.labId}`}>
                  <th scope="row">
                    <Link href={lab.href}>{lab.title}</Link>
                  </th>
                  <td data-testid="due">{lab.dueAt ? formatUtc(lab.dueAt) : 'No due date'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>
          This cohort works on {cohort.labs.length} labs of the course{dated.length === 0 ? ', with no due dates' : ''}. Your{' '}
          <Link href="/progress">progress</Link> shows where you are.
        </p>
      )}
    </section>
  );
}

export default async function AccountPage() {
  const user = await getSessionUser(await headers());
  if (!user) {
    return (
      <main className="course-index">
        <h1>Your account</h1>
        <p>
          <Link href="/signin?next=/account">Sign in</Link> to join a cohort, download your data or manage your account.
        </p>
      </main>
    );
  }
  const [cohorts, owned, authoredLabs] = await Promise.all([myCohorts(user.id), ownedCohortCount(user.id), listVisibleAuthoredLabs(user)]);
  return (
    <main className="course-index">
      <h1>Your account</h1>
      <p className="muted">
        Signed in as {user.name} ({user.email}).
      </p>

      <h2>Join a cohort</h2>
      <ActionForm action={joinCohortAction} submitLabel="Join" testId="join-cohort" aria-label="Join a cohort">
        <div className="field">
          <label htmlFor="join-code">Join code</label>
          <input id="join-code" name="code" type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={40} required aria-describedby="join-code-hint" />
          <p id="join-code-hint" className="field__hint">
            From your instructor, like K7QXP-9MWTR. Upper or lower case, dash or not.
          </p>
        </div>
      </ActionForm>

      <h2>Your cohorts</h2>
      {cohorts.length === 0 ? (
        <p data-testid="no-cohorts">You are not in a cohort yet.</p>
      ) : (
        <div className="module-list" data-testid="my-cohorts">
          {cohorts.map((cohort) => (
            <CohortCard key={cohort.cohortId} cohort={cohort} />
          ))}
        </div>
      )}

      {authoredLabs.length > 0 && (
        <>
          <h2>Labs from your instructors</h2>
          <p className="muted">Written for your cohorts by the people who teach them, beside the course&apos;s own labs.</p>
          <ul data-testid="authored-labs">
            {authoredLabs.map((lab) => (
              <li key={lab.id} data-testid={`authored-lab-${lab.id}`}>
                <Link href={lab.href}>{lab.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Your data</h2>
      <p>
        Everything Flatnet keeps about your learning — profile, lab attempts with their check results, commands, hints, quiz answers,
        lessons visited and cohorts — as one JSON file.
      </p>
      <p>
        <a className="button button--secondary" href="/api/account/export" download data-testid="download-data">
          Download my data
        </a>
      </p>

      <section className="danger-zone" aria-labelledby="delete-account">
        <h2 id="delete-account">Delete my account</h2>
        <p>
          This deletes your account and everything of it: attempts, commands, progress, answers and cohort memberships. Running lab
          terminals stop. It cannot be undone.
        </p>
        {owned > 0 && (
          <p data-testid="owned-cohorts-warning">
            You run {owned} cohort{owned === 1 ? '' : 's'}: {owned === 1 ? 'it goes' : 'they go'} too, with {owned === 1 ? 'its' : 'their'} roster and
            due dates (your learners keep their own work).
          </p>
        )}
        <ActionForm action={deleteAccountAction} submitLabel="Delete my account" testId="delete-account">
          <div className="field">
            <label htmlFor="delete-password">Type your password to confirm</label>
            <input id="delete-password" name="password" type="password" autoComplete="current-password" required />
          </div>
        </ActionForm>
      </section>
    </main>
  );
}
