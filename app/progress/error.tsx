'use client';
// What a learner sees if their progress page fails: the error, a retry, and a way back.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function ProgressError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="Your progress could not be shown" detail="Something went wrong while reading your progress. Nothing you did is lost." />;
}
