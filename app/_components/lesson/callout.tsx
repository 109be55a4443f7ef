// A boxed aside in a lesson: a note (worth knowing) or a warning (a mistake people make).

import type { ReactNode } from 'react';

const DEFAULT_TITLE = { note: 'Note', warning: 'Watch out' } as const;

export function Callout({ kind = 'note', title, children }: { kind?: keyof typeof DEFAULT_TITLE; title?: string; children: ReactNode }) {
  return (
    <aside className={`callout callout--${kind}`} aria-label={title ?? DEFAULT_TITLE[kind]}>
      <p className="callout__title">
        <span aria-hidden="true">{kind === 'warning' ? '⚠' : 'ℹ'}</span> {title ?? DEFAULT_TITLE[kind]}
      </p>
      <div className="callout__body">{children}</div>
    </aside>
  );
}
