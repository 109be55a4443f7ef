// /admin: the accounts of the installation, for admins only — anyone else, signed in or not, gets
// the same 404 as for a page that does not exist. Lists users (filter by email) with their role,
// when they joined and when they were last active; creates instructors; per user changes the role,
// sets a new password and removes a learner. Every change goes through a server action that checks
// the admin role again (actions.ts → admin-users.ts).

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getSessionUser, MIN_PASSWORD_LENGTH } from '../_server/auth';
import { listUsers, MAX_LISTED_USERS } from '../_server/admin-users';
import { hasRole } from '../_server/authz';
import { CreateInstructorForm, UserActions } from './admin-forms';
import './admin.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Admin', robots: { index: false } };

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function formatDate(date: Date | null): string {
  return date ? `${dateFormat.format(date)} UTC` : '—';
}

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ email?: string | string[] }> }) {
  const viewer = await getSessionUser(await headers());
  if (!hasRole(viewer, 'admin')) notFound();
  const raw = (await searchParams).email;
  const filter = (Array.isArray(raw) ? raw[0] : raw) ?? '';
  const users = (await listUsers(viewer, filter)) ?? notFound();

  return (
    <main className="course-index admin-page">
      <h1>Admin</h1>
      <section aria-labelledby="new-instructor">
        <h2 id="new-instructor">New instructor</h2>
        <CreateInstructorForm minPasswordLength={MIN_PASSWORD_LENGTH} />
      </section>
      <section aria-labelledby="users">
        <h2 id="users">Users</h2>
        <form method="get" className="admin-filter" role="search">
          <label htmlFor="email-filter">Email contains</label>
          <input id="email-filter" name="email" type="search" defaultValue={filter} maxLength={254} />
          <button type="submit" className="button button--small button--secondary">
            Filter
          </button>
        </form>
        <p className="admin-hint" data-testid="user-count">
          {users.length === 0 ? 'No users match.' : `${users.length} user${users.length === 1 ? '' : 's'}`}
          {users.length === MAX_LISTED_USERS ? ` shown (the newest ${MAX_LISTED_USERS}; filter to find others)` : ''}
        </p>
        <table className="admin-table" data-testid="admin-users">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last active</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} data-testid="admin-user-row" data-email={user.email} data-role={user.role}>
                <th scope="row">{user.email}</th>
                <td>{user.name}</td>
                <td data-testid="admin-user-role">{user.role}</td>
                <td>{formatDate(user.createdAt)}</td>
                <td>{formatDate(user.lastActiveAt)}</td>
                <td>
                  <UserActions userId={user.id} email={user.email} role={user.role} isSelf={user.id === viewer.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
