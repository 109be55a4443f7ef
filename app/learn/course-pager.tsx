// Previous and next on the course path (app/_server/course-path.ts): the end of every lesson and
// lab says where the path goes on, across modules, from lesson to lab to the next module.

import Link from 'next/link';
import type { PathLink } from '@/app/_server/course-path';

const kindLabel = (link: PathLink) => (link.kind === 'lab' ? 'Lab' : 'Lesson');

export function CoursePager({ previous, next }: { previous: PathLink | null; next: PathLink | null }) {
  return (
    <nav className="lesson__pager" aria-label="Course path" data-testid="course-pager">
      {previous ? (
        <Link href={previous.href} rel="prev" className="lesson__pager-link">
          <small>← Previous {kindLabel(previous).toLowerCase()}</small>
          <span>{previous.title}</span>
        </Link>
      ) : (
        <Link href="/" className="lesson__pager-link">
          <small>← Course</small>
          <span>All modules</span>
        </Link>
      )}
      {next ? (
        <Link href={next.href} rel="next" className="lesson__pager-link lesson__pager-link--next" data-testid="pager-next">
          <small>Next {kindLabel(next).toLowerCase()} →</small>
          <span>{next.title}</span>
        </Link>
      ) : (
        <Link href="/progress" className="lesson__pager-link lesson__pager-link--next">
          <small>The end of the course →</small>
          <span>Your progress</span>
        </Link>
      )}
    </nav>
  );
}
