'use client';
// A one-question check for understanding inside a lesson. It is self-graded in the browser and
// records nothing: graded answers belong to labs (the `answer` check kind).

import { useId, useState } from 'react';

export interface QuizProps {
  question: string;
  options: string[];
  /** Index of the correct option. */
  answer: number;
  explanation?: string;
  /** Shown after a wrong answer; points the learner back without giving the answer away. */
  hint?: string;
}

export function Quiz({ question, options, answer, explanation, hint }: QuizProps) {
  const name = useId();
  const [choice, setChoice] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  const correct = checked && choice === answer;

  return (
    <form
      className="quiz"
      data-testid="quiz"
      onSubmit={(event) => {
        event.preventDefault();
        if (choice !== null) setChecked(true);
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
        </p>
      </div>
    </form>
  );
}
