// A quiz's stable name within its lesson, computed from its question: the Quiz component (in the
// browser) and the server (reading the lesson's MDX) both derive it, so a lesson author never has
// to number quizzes, and a saved answer follows its question when quizzes are reordered.
// Rewording a question makes it a new quiz, which is what it is.

/** FNV-1a (32 bit) over the question with its whitespace normalised, as 8 hex digits. */
export function quizKey(question: string): string {
  const text = question.trim().replace(/\s+/g, ' ');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export const QUIZ_KEY = /^[0-9a-f]{8}$/;
