'use client';
// What a learner sees if the lesson page fails while rendering in the browser (the lab panel,
// a quiz): the error, a retry, and a way back, instead of a blank page.

import { ErrorPanel, type RouteErrorProps } from '@/app/_components/error-panel';

export default function LessonError(props: RouteErrorProps) {
  return <ErrorPanel {...props} title="This lesson could not be shown" detail="Something went wrong while showing this page. Your lab and your progress are kept on the server." />;
}
