// A lab folder as data: every file of content/labs/<id>/ that makes the lab (lab.yaml, the step
// texts under steps/, the learner's files under files/) by its POSIX path inside the folder. One
// shape for the three places a lab comes from — a folder on disk, a draft in the database, a zip
// — so the loader validates all of them the same way (loader.ts `tryLoadLabFiles`). The paths and
// sizes are untrusted (a browser or an archive sends them): labFilesIssues refuses anything that
// could leave the folder or outgrow the limits, and writeLabFolder writes nothing it refuses.

import { mkdir, readdir, stat, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { LabIssue } from './lab-issue';
import {
  LAB_FILES_MOUNT,
  MAX_LAB_FILE_BYTES,
  MAX_LAB_FOLDER_BYTES,
  MAX_LAB_FOLDER_FILES,
  MAX_LAB_PATH_CHARS,
  MAX_LAB_PATH_DEPTH,
  MAX_LAB_STEP_BYTES,
  MAX_LAB_YAML_BYTES,
} from './lab-limits';

/** Path inside the lab folder (`lab.yaml`, `steps/01-x.mdx`, `files/api.yaml`) → UTF-8 text. */
export type LabFiles = Record<string, string>;

/** The areas of a lab folder; anything else in it (a README, an editor's backup) is not part of the lab. */
const LAB_YAML = 'lab.yaml';
const AREAS = ['steps', 'files'] as const;

/** A folder that cannot be read as a lab within the limits; `file` is the offending path inside it. */
export class LabFolderError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'LabFolderError';
  }
}

/** The most bytes one file at `path` may hold: lab.yaml, a step text and a learner's file each have their own limit. */
export function maxBytesOf(path: string): number {
  if (path === LAB_YAML) return MAX_LAB_YAML_BYTES;
  return path.startsWith('steps/') ? MAX_LAB_STEP_BYTES : MAX_LAB_FILE_BYTES;
}

/** Why `path` cannot be a file of a lab folder, or undefined if it can. */
export function labPathProblem(path: string): string | undefined {
  if (path.length === 0) return 'a file needs a path';
  if (path.length > MAX_LAB_PATH_CHARS) return `the path is longer than ${MAX_LAB_PATH_CHARS} characters`;
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'the path must be relative to the lab folder, e.g. "steps/01-start.mdx"';
  if (path.includes('\\') || path.includes('\0')) return 'the path must use "/" between folders and hold no backslash or NUL';
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return 'the path must not hold "..", "." or an empty folder name';
  if (parts.some((part) => !/^[\w.@+-]+$/.test(part))) return 'folder and file names may hold only letters, digits and . _ - + @';
  if (path === LAB_YAML) return undefined;
  if (parts.length < 2 || !(AREAS as readonly string[]).includes(parts[0])) return 'a lab folder holds only lab.yaml, steps/… (the step texts) and files/… (the learner\'s files)';
  if (parts.length - 2 > MAX_LAB_PATH_DEPTH) return `at most ${MAX_LAB_PATH_DEPTH} folders deep below ${parts[0]}/`;
  return undefined;
}

/**
 * What is wrong with a lab folder as data: unsafe or foreign paths, too many files, files or a whole
 * that is too large, a missing lab.yaml. Each issue names the file; an empty list means it may be
 * written and loaded.
 */
export function labFilesIssues(files: LabFiles): LabIssue[] {
  const issues: LabIssue[] = [];
  const paths = Object.keys(files);
  if (paths.length > MAX_LAB_FOLDER_FILES) {
    return [{ file: '(lab folder)', path: '(top level)', message: `a lab folder may hold at most ${MAX_LAB_FOLDER_FILES} files (found ${paths.length})` }];
  }
  let total = 0;
  for (const path of paths.sort()) {
    const text = files[path];
    const problem = labPathProblem(path);
    if (problem) {
      issues.push({ file: path.slice(0, MAX_LAB_PATH_CHARS), path: '(top level)', message: problem });
      continue;
    }
    if (typeof text !== 'string') {
      issues.push({ file: path, path: '(top level)', message: 'the content must be text' });
      continue;
    }
    const bytes = Buffer.byteLength(text);
    total += bytes;
    if (bytes > maxBytesOf(path)) issues.push({ file: path, path: '(top level)', message: `larger than ${maxBytesOf(path)} bytes` });
  }
  if (total > MAX_LAB_FOLDER_BYTES) issues.push({ file: '(lab folder)', path: '(top level)', message: `the lab's files together are larger than ${MAX_LAB_FOLDER_BYTES} bytes` });
  if (!Object.hasOwn(files, LAB_YAML)) issues.push({ file: LAB_YAML, path: '(top level)', message: 'a lab folder needs its lab.yaml' });
  return issues;
}

/**
 * Reads lab.yaml, steps/** and files/** of `dir` (other entries and symbolic links are not the
 * lab's and are skipped). A missing lab.yaml is left for the loader to report; a folder past the
 * limits throws LabFolderError before its content is read.
 */
export async function readLabFolder(dir: string): Promise<LabFiles> {
  const paths: string[] = [];
  if (await isFile(join(dir, LAB_YAML))) paths.push(LAB_YAML);
  for (const area of AREAS) {
    for (const path of await walk(join(dir, area), 0)) paths.push(relative(dir, path).split(sep).join('/'));
  }
  if (paths.length > MAX_LAB_FOLDER_FILES) throw new LabFolderError(dir, `a lab folder may hold at most ${MAX_LAB_FOLDER_FILES} files (found more)`);
  const files: LabFiles = {};
  let total = 0;
  for (const path of paths) {
    const file = join(dir, ...path.split('/'));
    const size = (await stat(file)).size;
    if (size > maxBytesOf(path)) throw new LabFolderError(file, `larger than ${maxBytesOf(path)} bytes`);
    total += size;
    if (total > MAX_LAB_FOLDER_BYTES) throw new LabFolderError(dir, `the lab's files together are larger than ${MAX_LAB_FOLDER_BYTES} bytes`);
    files[path] = await readFile(file, 'utf8');
  }
  return files;
}

/** Writes each file under `dir`, creating folders as needed; refuses (throws) files labFilesIssues would refuse. Files already there and not named are left alone. */
export async function writeLabFolder(dir: string, files: LabFiles): Promise<void> {
  const issues = labFilesIssues(files);
  if (issues.length) throw new LabFolderError(issues[0].file, issues.map((issue) => `${issue.file}: ${issue.message}`).join('\n'));
  for (const [path, text] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const file = join(dir, ...path.split('/'));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

/** The folder's files/ as the learner's shell sees them: `files/api.yaml` → `/lab/api.yaml`. */
export function mountedFolderFiles(files: LabFiles): Record<string, string> {
  const mounted: Record<string, string> = {};
  for (const path of Object.keys(files).sort()) {
    if (path.startsWith('files/')) mounted[`${LAB_FILES_MOUNT}/${path.slice('files/'.length)}`] = files[path];
  }
  return mounted;
}

/** Only the files/ part of a lab folder. */
export function folderFilesOf(files: LabFiles): LabFiles {
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith('files/')));
}

/** Regular files below `dir`, sorted, one level deeper than the limit so labFilesIssues can name a file that is too deep. */
async function walk(dir: string, depth: number): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth <= MAX_LAB_PATH_DEPTH) out.push(...(await walk(path, depth + 1)));
    else if (entry.isFile()) out.push(path);
    if (out.length > MAX_LAB_FOLDER_FILES) break;
  }
  return out;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
