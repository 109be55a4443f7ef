// Everything under /instructor is for staff (instructors and admins). Anyone else gets the same 404
// as for a page that does not exist. Server actions under here check again themselves: a layout
// does not guard them.

import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getSessionUser } from '@/app/_server/auth';
import { isStaff } from '@/app/_server/authz';

export const dynamic = 'force-dynamic';

export default async function InstructorLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser(await headers());
  if (!isStaff(user)) notFound();
  return children;
}
