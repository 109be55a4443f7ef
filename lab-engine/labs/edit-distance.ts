// Lint errors and feedback use the engine's Levenshtein helpers (core/edit-distance.ts).
export { closest, editDistance } from '../core/edit-distance';
