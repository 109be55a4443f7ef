'use client';
// What an instructor sees if their cohorts page fails: the error, a retry, and a way back.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function InstructorError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="Your cohorts could not be shown" detail="Something went wrong while reading your cohorts. Nothing was changed." />;
}
