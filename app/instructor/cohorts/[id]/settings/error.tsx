'use client';
// What an instructor sees if a cohort's settings fail to load: the error, a retry, and a way back.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function CohortSettingsError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="The cohort's settings could not be shown" detail="Something went wrong while reading this cohort. Nothing was changed." back={{ href: '/instructor', label: 'Back to your cohorts' }} />;
}
