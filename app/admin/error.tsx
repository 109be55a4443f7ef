'use client';
// /admin's error boundary: a failed action or listing says so without a stack trace.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function AdminError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="The admin page failed" detail="Reload the page to see what took effect, then try again; if it keeps failing, the server log has the details." />;
}
