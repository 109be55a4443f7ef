// /signin?next=/path — the sign-in form; an already signed-in learner goes straight on.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getSessionUser } from '../../_server/auth';
import { signInAction } from '../actions';
import { safeNextPath } from '../auth-forms';
import { CredentialsForm } from '../credentials-form';
import styles from '../auth.module.css';

export const metadata: Metadata = { title: 'Sign in · Flatnet' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: PageProps) {
  const { next } = await searchParams;
  const target = safeNextPath(Array.isArray(next) ? next[0] : next);
  if (await getSessionUser(await headers())) redirect(target);
  return (
    <section className={styles.page}>
      <h1>Welcome back</h1>
      <CredentialsForm mode="signin" action={signInAction} next={target} />
    </section>
  );
}
