'use client';
// The fallback for any page without its own error boundary: say what happened, offer a retry.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function AppError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="Something went wrong" detail="The page failed to load. Trying again often helps; nothing you have done in a lab is lost." />;
}
