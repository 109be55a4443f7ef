'use client';
// A one-question check for understanding inside a lesson. It answers at once in the browser and,
// for a signed-in learner, saves the answer through the lesson's scope (progress/lesson-scope.tsx),
// where the server grades it again from the lesson's MDX: a reload shows the saved answer, and a
// passed quiz counts on the progress bars.

import { useEffect, useId, useState } from 'react';
import { quizKey } from '@/app/_lessons/quiz-key';
import { useLessonScope } from '../progress/lesson-scope';

export interface QuizProps {
  question: string;
  options: string[];
  /** Index of the correct option. */
  answer: number;
  explanation?: string;
  /** Shown after a wrong answer; points the learner back without giving the answer away. */
  hint?: string;
}

type SaveState = 'idle' | 'saving' | 'saved' | 'not-saved';

export function Quiz({ question, options, answer, explanation, hint }: QuizProps) {
  const name = useId();
  const scope = useLessonScope();
  const key = quizKey(question);
  const saved = scope?.saved.get(key);
  const [choice, setChoice] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const correct = checked && choice === answer;

  // A saved answer arrives after the page: show it, unless the learner already started answering.
  useEffect(() => {
    if (!saved || choice !== null) return;
    if (saved.choice >= 0 && saved.choice < options.length) {
      setChoice(saved.choice);
      setChecked(true);
      setSaveState('saved');
    }
  }, [saved, choice, options.length]);

  return (
    <form
      className="quiz"
      data-testid="quiz"
      data-quiz-key={key}
      data-saved={saveState === 'saved' ? 'true' : 'false'}
      data-passed={saved?.passed ? 'true' : 'false'}
      onSubmit={(event) => {
        event.preventDefault();
        if (choice === null) return;
        setChecked(true);
        if (!scope) return;
        setSaveState('saving');
        void scope.saveAnswer(key, choice).then((record) => setSaveState(record ? 'saved' : 'not-saved'));
      }}
    >
      <fieldset>
        <legend>{question}</legend>
        {options.map((option, index) => (
          <label key={option} className="quiz__option">
            <input
              type="radio"
              name={name}
              value={index}
              checked={choice === index}
              onChange={() => {
                setChoice(index);
                setChecked(false);
                setSaveState('idle');
              }}
            />
            {option}
          </label>
        ))}
      </fieldset>
      <div className="quiz__footer">
        <button type="submit" className="button button--secondary" disabled={choice === null}>
          Check answer
        </button>
        <p className="quiz__result" role="status" data-correct={checked ? String(correct) : undefined}>
          {checked && (correct ? `Right. ${explanation ?? ''}` : `Not quite. ${hint ?? 'Read the section again and try once more.'}`)}
          {checked && saveState === 'saved' && <small className="quiz__saved"> Your answer is saved.</small>}
        </p>
      </div>
    </form>
  );
}
