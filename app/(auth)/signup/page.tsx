// /signup?next=/path — create a learner account; an already signed-in learner goes straight on.

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getSessionUser } from '../../_server/auth';
import { signUpAction } from '../actions';
import { PASSWORD_RULE, safeNextPath } from '../auth-forms';
import { CredentialsForm } from '../credentials-form';
import styles from '../auth.module.css';

export const metadata: Metadata = { title: 'Create your account · Flatnet' };

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignUpPage({ searchParams }: PageProps) {
  const { next } = await searchParams;
  const target = safeNextPath(Array.isArray(next) ? next[0] : next);
  if (await getSessionUser(await headers())) redirect(target);
  return (
    <section className={styles.page}>
      <h1>Create your Flatnet account</h1>
      <p>Your progress in every lab is saved to it.</p>
      <CredentialsForm mode="signup" action={signUpAction} next={target} passwordRule={PASSWORD_RULE} />
    </section>
  );
}
