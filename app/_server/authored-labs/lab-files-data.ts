// A lab folder as data (LabFiles, lab-engine/labs/lab-files.ts) as the app stores it: parsed from
// a request or a database column through zod, measured against the draft limits, hashed so a
// self-test and a publish can name exactly which contents they saw, and serialised in path order.

import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LabFiles } from '../../../lab-engine/labs/lab-files';
import { MAX_DRAFT_BYTES, MAX_DRAFT_FILES, MAX_DRAFT_PATH_CHARS } from './limits';

export type { LabFiles };

/** The shape only; the engine's labFilesIssues judges which paths a lab may hold. */
export const LabFilesSchema = z
  .record(z.string().min(1).max(MAX_DRAFT_PATH_CHARS), z.string())
  .refine((files) => Object.keys(files).length <= MAX_DRAFT_FILES, { message: `A lab may hold at most ${MAX_DRAFT_FILES} files.` });

/** Total UTF-8 bytes of every file's contents. */
export function labFilesBytes(files: LabFiles): number {
  let total = 0;
  for (const text of Object.values(files)) total += Buffer.byteLength(text, 'utf8');
  return total;
}

/** A sentence when the files are over the draft limits, else null. */
export function draftSizeProblem(files: LabFiles): string | null {
  const count = Object.keys(files).length;
  if (count > MAX_DRAFT_FILES) return `A lab may hold at most ${MAX_DRAFT_FILES} files; this one has ${count}.`;
  const bytes = labFilesBytes(files);
  if (bytes > MAX_DRAFT_BYTES) return `A lab may hold at most ${Math.floor(MAX_DRAFT_BYTES / 1024)} KiB of files; this one has ${Math.ceil(bytes / 1024)} KiB.`;
  return null;
}

/** The same files in path order, so equal folders serialise and hash alike. */
export function sortedFiles(files: LabFiles): LabFiles {
  const sorted: LabFiles = {};
  for (const path of Object.keys(files).sort()) sorted[path] = files[path];
  return sorted;
}

/** sha256 over each path and its contents, length-prefixed so no two folders collide by concatenation. */
export function labFilesHash(files: LabFiles): string {
  const hash = createHash('sha256');
  for (const [path, text] of Object.entries(sortedFiles(files))) {
    const body = Buffer.from(text, 'utf8');
    hash.update(`${Buffer.byteLength(path)}:${path}\0${body.length}:`);
    hash.update(body);
  }
  return hash.digest('hex');
}

export function serializeLabFiles(files: LabFiles): string {
  return JSON.stringify(sortedFiles(files));
}

/** Files from a database column written by serializeLabFiles; an unreadable one reads as empty. */
export function parseStoredLabFiles(json: string): LabFiles {
  try {
    const parsed = LabFilesSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
