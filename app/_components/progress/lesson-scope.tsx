'use client';
// Wraps a lesson's content with what it needs to remember the learner: its key ("<module>/<lesson>")
// for the quizzes inside (quiz.tsx saves answers through it and shows the saved one on reload),
// a visit recorded on open (for "continue where you left off"), and the lesson marked read once
// its end scrolls into view. Signed out, nothing is recorded and quizzes still work.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface SavedQuiz {
  choice: number;
  correct: boolean;
  passed: boolean;
}

interface LessonScopeValue {
  lessonKey: string;
  saved: ReadonlyMap<string, SavedQuiz>;
  /** Saves an answer; resolves to the server's grading, or null when it was not saved (signed out, offline). */
  saveAnswer(quizKey: string, choice: number): Promise<SavedQuiz | null>;
}

const LessonScope = createContext<LessonScopeValue | null>(null);

export function useLessonScope(): LessonScopeValue | null {
  return useContext(LessonScope);
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export function LessonProgressScope({ lessonKey, children }: { lessonKey: string; children: ReactNode }) {
  const [saved, setSaved] = useState<Map<string, SavedQuiz>>(new Map());
  const [read, setRead] = useState(false);
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    void post('/api/progress/lessons', { lessonKey }).catch(() => undefined);
    fetch(`/api/progress/lessons?lesson=${encodeURIComponent(lessonKey)}`, { cache: 'no-store', credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { read: boolean; quizzes: Array<SavedQuiz & { quizKey: string }> } | null) => {
        if (cancelled || !body) return;
        setRead(body.read);
        setSaved(new Map(body.quizzes.map((q) => [q.quizKey, { choice: q.choice, correct: q.correct, passed: q.passed }])));
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [lessonKey]);

  // Read = the end of the lesson came into view (not merely opened).
  useEffect(() => {
    const end = endRef.current;
    if (!end || read || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void post('/api/progress/lessons', { lessonKey, read: true }).then(
        (response) => response.ok && setRead(true),
        () => undefined,
      );
    });
    observer.observe(end);
    return () => observer.disconnect();
  }, [lessonKey, read]);

  const saveAnswer = useCallback(
    async (quizKey: string, choice: number) => {
      try {
        const response = await post('/api/progress/quizzes', { lessonKey, quizKey, choice });
        if (!response.ok) return null;
        const body = (await response.json()) as { correct: boolean; passed: boolean };
        const record = { choice, correct: body.correct, passed: body.passed };
        setSaved((current) => new Map(current).set(quizKey, record));
        return record;
      } catch {
        return null;
      }
    },
    [lessonKey],
  );

  const value = useMemo(() => ({ lessonKey, saved, saveAnswer }), [lessonKey, saved, saveAnswer]);
  return (
    <LessonScope.Provider value={value}>
      {children}
      <div ref={endRef} className="lesson__end" data-testid="lesson-end" data-read={read ? 'true' : 'false'} aria-hidden="true" />
    </LessonScope.Provider>
  );
}
