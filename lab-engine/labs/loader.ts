// Loads content/labs/<id>/ into typed Lab objects: reads lab.yaml under YAML limits, validates it
// with the zod schema, then checks what a schema cannot see (ids unique, mustFail ids exist, step
// texts and the files/ folder on disk, id = folder name). Every problem becomes a LabIssue that
// names the file, the field and, where known, the line.

import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ID_PATTERN } from './lab-id';
import type { Check, LabDefinition, Step } from './schema';
import type { FieldIssue, FieldPath } from './schema-issues';
import { formatPath } from './field-path';
import { readYaml, type Position } from './lab-yaml';
import { crossCheck } from './lab-consistency';
import { LAB_FILES_MOUNT, MAX_LAB_FILES, MAX_LAB_FILE_BYTES, MAX_LAB_YAML_BYTES } from './lab-limits';

export interface LabStep extends Step {
  /** Absolute path of the step's MDX text. */
  textPath: string;
}

export interface Lab extends Omit<LabDefinition, 'steps' | 'files'> {
  /** Absolute path of the lab's folder and of its lab.yaml. */
  dir: string;
  file: string;
  steps: LabStep[];
  /** Every file the learner's shell sees: inline `files:` plus the lab's files/ folder under /lab. */
  files: Record<string, string>;
}

export interface LabIssue {
  file: string;
  /** The field, e.g. `steps[0].checks[1].kind`, or `(top level)`. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type LabLoadResult = { ok: true; lab: Lab } | { ok: false; id: string; file: string; issues: LabIssue[] };

export class LabLoadError extends Error {
  constructor(readonly issues: LabIssue[]) {
    super(issues.map((issue) => formatIssue(issue)).join('\n'));
    this.name = 'LabLoadError';
  }
}

/** `content/labs/x/lab.yaml:7:9: steps[0].checks[0].expect: unknown field ...`, relative to `cwd` when given. */
export function formatIssue(issue: LabIssue, cwd?: string): string {
  const file = cwd ? relative(cwd, issue.file) || issue.file : issue.file;
  const where = issue.line ? `${file}:${issue.line}:${issue.column ?? 1}` : file;
  return `${where}: ${issue.path}: ${issue.message}`;
}

export const LAB_FILE = 'lab.yaml';

/** Accepts a lab folder or its lab.yaml; never throws for a bad lab, only reports it. */
export async function tryLoadLab(dirOrFile: string): Promise<LabLoadResult> {
  const file = resolve(basename(dirOrFile) === LAB_FILE ? dirOrFile : join(dirOrFile, LAB_FILE));
  const dir = dirname(file);
  const id = basename(dir);
  const fail = (issues: LabIssue[]): LabLoadResult => ({ ok: false, id, file, issues });
  const issueAt = (path: FieldPath, message: string, position?: Position): LabIssue => ({
    file,
    path: formatPath(path),
    message,
    ...(position ? { line: position.line, column: position.column } : {}),
  });

  if (!(await isFile(file))) return fail([issueAt([], 'no lab.yaml here; check the lab id or path (a lab is a folder content/labs/<id>/ holding lab.yaml)')]);
  const text = await readText(file, MAX_LAB_YAML_BYTES);
  if (!text.ok) return fail([issueAt([], text.message)]);

  const yaml = readYaml(text.text);
  if (!yaml.ok) return fail(yaml.errors.map((e) => issueAt([], `not valid YAML: ${e.message}`, e.position)));
  // In file order, so an author can fix them top to bottom.
  const located = (issues: FieldIssue[]) =>
    issues
      .map((issue) => issueAt(issue.path, issue.message, yaml.locate(issue.path)))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));

  if (typeof yaml.data !== 'object' || yaml.data === null || Array.isArray(yaml.data)) {
    return fail([issueAt([], 'a lab.yaml must be a mapping of fields (id, title, module, steps, solution, ...)')]);
  }
  // zod and the schema load on first use: a lab session restored from a snapshot never needs them.
  const { LabSchema } = await import('./schema');
  const parsed = LabSchema.safeParse(yaml.data);
  if (!parsed.success) {
    const { describeIssues } = await import('./schema-issues');
    return fail(located(describeIssues(parsed.error.issues, yaml.data)));
  }

  const def = parsed.data;
  const issues: FieldIssue[] = crossCheck(def, id);
  const steps: LabStep[] = [];
  for (const [index, step] of def.steps.entries()) {
    const textPath = join(dir, step.text);
    if (!(await isFile(textPath))) issues.push({ path: ['steps', index, 'text'], message: `file "${step.text}" not found next to lab.yaml; create it or fix the path` });
    steps.push({ ...step, textPath });
  }
  const files = await collectFiles(dir, def.files ?? {}, issues);
  if (issues.length) return fail(located(issues));
  return { ok: true, lab: { ...def, dir, file, steps, files } };
}

export async function loadLab(dirOrFile: string): Promise<Lab> {
  const result = await tryLoadLab(dirOrFile);
  if (!result.ok) throw new LabLoadError(result.issues);
  return result.lab;
}

/** `contentDir` is the course's content/ folder; the lab lives in contentDir/labs/<id>/. */
export async function loadLabById(contentDir: string, id: string): Promise<Lab> {
  const file = join(resolve(contentDir), 'labs', id, LAB_FILE);
  // An id comes from URLs and the command line: never let it walk out of content/labs.
  if (!ID_PATTERN.test(id)) throw new LabLoadError([{ file, path: 'id', message: `"${id}" is not a lab id (lowercase letters, digits and dashes)` }]);
  return loadLab(file);
}

/** Every folder under contentDir/labs that holds a lab.yaml, sorted by name. */
export async function listLabDirs(contentDir: string): Promise<string[]> {
  const labsDir = join(resolve(contentDir), 'labs');
  let entries: string[];
  try {
    entries = await readdir(labsDir);
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const entry of entries.sort()) {
    if (await isFile(join(labsDir, entry, LAB_FILE))) dirs.push(join(labsDir, entry));
  }
  return dirs;
}

/** Loads every lab; throws one LabLoadError listing the problems of every lab that failed. */
export async function loadAllLabs(contentDir: string): Promise<Lab[]> {
  const results = await Promise.all((await listLabDirs(contentDir)).map((dir) => tryLoadLab(dir)));
  const issues = results.flatMap((result) => (result.ok ? [] : result.issues));
  if (issues.length) throw new LabLoadError(issues);
  return results.flatMap((result) => (result.ok ? [result.lab] : []));
}

/** Every check of a lab with the step it belongs to, in the order the learner meets them. */
export function allChecks(lab: Pick<Lab, 'steps'>): { step: Step; check: Check }[] {
  return lab.steps.flatMap((step) => step.checks.map((check) => ({ step, check })));
}

/** Inline files plus files/ (recursively) mounted at /lab; a path given both ways is an error, not a silent override. */
async function collectFiles(dir: string, inline: Record<string, string>, issues: FieldIssue[]): Promise<Record<string, string>> {
  const files: Record<string, string> = { ...inline };
  for (const [path, content] of Object.entries(inline)) {
    if (Buffer.byteLength(content) > MAX_LAB_FILE_BYTES) issues.push({ path: ['files', path], message: `content is larger than ${MAX_LAB_FILE_BYTES} bytes` });
  }
  const folder = join(dir, 'files');
  for (const path of await walk(folder, 0)) {
    const target = `${LAB_FILES_MOUNT}/${relative(folder, path).split('\\').join('/')}`;
    if (Object.hasOwn(files, target)) {
      issues.push({ path: ['files', target], message: `also present as files/${relative(folder, path)}; keep only one of the two` });
      continue;
    }
    const text = await readText(path, MAX_LAB_FILE_BYTES);
    if (text.ok) files[target] = text.text;
    else issues.push({ path: ['files'], message: `files/${relative(folder, path)}: ${text.message}` });
  }
  if (Object.keys(files).length > MAX_LAB_FILES) issues.push({ path: ['files'], message: `a lab may provide at most ${MAX_LAB_FILES} files` });
  return files;
}

async function walk(dir: string, depth: number): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < 4) out.push(...(await walk(path, depth + 1)));
    else if (entry.isFile()) out.push(path);
    if (out.length > MAX_LAB_FILES) break;
  }
  return out;
}

async function readText(path: string, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, message: 'not a file' };
    if (info.size > maxBytes) return { ok: false, message: `larger than ${maxBytes} bytes` };
    return { ok: true, text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    return { ok: false, message: code === 'ENOENT' ? 'file not found' : `cannot be read (${String(code ?? error)})` };
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
