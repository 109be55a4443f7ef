// /instructor: the cohorts the signed-in instructor runs (an admin sees every cohort), each with
// its members, join code and expiry, links to its class view and its settings; a form to create
// one; and the way to the labs they write in the browser (/instructor/labs). The layout has already turned away anyone who is not staff.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/app/_components/forms/action-form';
import { getSessionUser } from '@/app/_server/auth';
import { isStaff } from '@/app/_server/authz';
import { cohortsFor } from '@/app/_server/cohorts';
import { formatJoinCode } from '@/app/_server/join-code';
import { formatUtc } from '@/app/_server/utc-datetime';
import { createCohortAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your cohorts' };

export default async function InstructorPage() {
  const user = await getSessionUser(await headers());
  if (!isStaff(user)) notFound();
  const cohorts = await cohortsFor(user);
  const now = new Date();
  return (
    <main className="course-index">
      <h1>{user.role === 'admin' ? 'All cohorts' : 'Your cohorts'}</h1>
      <p>
        <Link href="/instructor/labs" data-testid="authored-labs-link">
          Your labs
        </Link>
        : write a lab in the browser, self-test it and publish it to your cohorts.
      </p>
      {cohorts.length === 0 ? (
        <p data-testid="no-cohorts">No cohorts yet. Create one below, then give its join code to your learners.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="cohorts-table">
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                {user.role === 'admin' && <th scope="col">Instructor</th>}
                <th scope="col">Members</th>
                <th scope="col">Join code</th>
                <th scope="col">Code expires</th>
                <th scope="col">
                  <span className="visually-hidden">Links</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort) => {
                const expired = cohort.joinCodeExpiresAt !== null && cohort.joinCodeExpiresAt <= now;
                return (
                  <tr key={cohort.id} data-testid={`cohort-row-${cohort.id}`}>
                    <th scope="row">
                      <Link href={`/instructor/cohorts/${cohort.id}`}>{cohort.name}</Link>
                    </th>
                    {user.role === 'admin' && <td>{cohort.ownerName}</td>}
                    <td data-testid="members">{cohort.members}</td>
                    <td className="join-code" data-testid="join-code">
                      {formatJoinCode(cohort.joinCode)}
                    </td>
                    <td>{cohort.joinCodeExpiresAt ? `${expired ? 'Expired ' : ''}${formatUtc(cohort.joinCodeExpiresAt)}` : 'Never'}</td>
                    <td>
                      <Link href={`/instructor/cohorts/${cohort.id}`}>Class view</Link> ·{' '}
                      <Link href={`/instructor/cohorts/${cohort.id}/settings`} data-testid="settings-link">
                        Settings
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>Create a cohort</h2>
      <ActionForm action={createCohortAction} submitLabel="Create cohort" testId="create-cohort" aria-label="Create a cohort">
        <div className="field">
          <label htmlFor="cohort-name">Name</label>
          <input id="cohort-name" name="name" type="text" maxLength={100} required />
        </div>
        <div className="field">
          <label htmlFor="cohort-expires">Join code expires (UTC, optional)</label>
          <input id="cohort-expires" name="expiresAt" type="datetime-local" />
        </div>
      </ActionForm>
    </main>
  );
}
