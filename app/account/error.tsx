'use client';
// What someone sees if their account page fails: the error, a retry, and a way back.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function AccountError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="Your account page could not be shown" detail="Something went wrong while reading your account. Nothing was changed." />;
}
