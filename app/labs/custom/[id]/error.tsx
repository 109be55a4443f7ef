'use client';
// What a learner sees if a lab written in the browser fails to show: the error, a retry, and a way back.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function CustomLabError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="This lab could not be shown" detail="Something went wrong while reading this lab. Nothing was changed." />;
}
