// Loads a lab into a typed Lab object, from content/labs/<id>/ or from the same folder as data
// (lab-files.ts: a draft, an unpacked archive), through one path: the folder is read into LabFiles,
// then lab.yaml is read under YAML limits, validated with the zod schema, and checked for what a
// schema cannot see (ids unique, mustFail ids exist, step texts and the files/ folder present, id =
// folder name). Every problem becomes a LabIssue that names the file, the field and, where known,
// the line.

import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ID_PATTERN } from './lab-id';
import type { Check, LabDefinition, Step } from './schema';
import type { FieldIssue, FieldPath } from './schema-issues';
import { formatPath } from './field-path';
import { readYaml, type Position } from './lab-yaml';
import { crossCheck } from './lab-consistency';
import { MAX_LAB_FILES, MAX_LAB_FILE_BYTES } from './lab-limits';
import { LabFolderError, folderFilesOf, labFilesIssues, mountedFolderFiles, readLabFolder, type LabFiles } from './lab-files';
import { DEFAULT_LAB_SEED, labVariables, numericVariables, placeholdersIn, substituteData, substituteVariables, unknownMessage, unknownVariablesInData, type LabVariables } from './lab-variables';
import type { LabIssue } from './lab-issue';

export type { LabIssue };

export interface LabStep extends Step {
  /** The step's MDX text: an absolute path for a lab read from a folder, else its path inside the lab (`steps/01-x.mdx`). */
  textPath: string;
}

export interface Lab extends Omit<LabDefinition, 'steps' | 'files'> {
  /** The lab's folder and its lab.yaml: absolute paths for a lab read from a folder; `''` and `lab.yaml` for one loaded from data. */
  dir: string;
  file: string;
  steps: LabStep[];
  /** Every file the learner's shell sees: inline `files:` plus the lab's files/ folder under /lab. */
  files: Record<string, string>;
  /** For a lab with variables: lab.yaml's data and its files/ as written, so lab-instance.ts can draw another learner's values. */
  template?: LabTemplate;
  /** The seed and values this lab's strings were drawn with (a lab with variables; the loader draws DEFAULT_LAB_SEED's). */
  instance?: { seed: number; values: Record<string, string> };
}

export interface LabTemplate {
  data: Record<string, unknown>;
  /** The files/ part of the folder, before substitution. */
  files: LabFiles;
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

/** Accepts a lab folder or its lab.yaml; never throws for a bad lab, only reports it. Reads the folder, then validates it as data. */
export async function tryLoadLab(dirOrFile: string): Promise<LabLoadResult> {
  const file = resolve(basename(dirOrFile) === LAB_FILE ? dirOrFile : join(dirOrFile, LAB_FILE));
  const dir = dirname(file);
  const id = basename(dir);
  let files: LabFiles;
  try {
    files = await readLabFolder(dir);
  } catch (error) {
    if (!(error instanceof LabFolderError)) throw error;
    return { ok: false, id, file, issues: [{ file: error.file, path: formatPath([]), message: error.message }] };
  }
  return tryLoadLabFiles(id, files, { dir });
}

export interface LabFilesOptions {
  /** The folder the files came from: issues then name absolute paths, and the lab's `dir` is it. */
  dir?: string;
}

/**
 * Validates a lab folder given as data (a draft, an unpacked archive, a folder read from disk):
 * paths and sizes, YAML, the schema, the cross-field rules, step texts present, the files/ folder
 * mounted. `id` is the folder's name, which lab.yaml's id must match. Never throws for a bad lab.
 */
export async function tryLoadLabFiles(id: string, files: LabFiles, options: LabFilesOptions = {}): Promise<LabLoadResult> {
  const dir = options.dir === undefined ? '' : resolve(options.dir);
  const fileOf = (path: string) => (dir ? join(dir, ...path.split('/')) : path);
  const file = fileOf(LAB_FILE);
  const fail = (issues: LabIssue[]): LabLoadResult => ({ ok: false, id, file, issues });
  const issueAt = (path: FieldPath, message: string, position?: Position): LabIssue => ({
    file,
    path: formatPath(path),
    message,
    ...(position ? { line: position.line, column: position.column } : {}),
  });

  if (typeof files[LAB_FILE] !== 'string') return fail([issueAt([], 'no lab.yaml here; check the lab id or path (a lab is a folder content/labs/<id>/ holding lab.yaml)')]);
  const unsafe = labFilesIssues(files);
  if (unsafe.length) return fail(unsafe.map((issue) => ({ ...issue, file: issue.file === '(lab folder)' ? dir || issue.file : fileOf(issue.file) })));

  const yaml = readYaml(files[LAB_FILE]);
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
  const { LabSchema, VariablesSchema } = await import('./schema');
  const raw = yaml.data as Record<string, unknown>;
  // Variables are checked on their own first: their values stand in for `{{name}}` before the schema
  // sees the lab, so a varied port or namespace is validated as the number or name it becomes.
  const declaredVars = raw.variables === undefined ? undefined : VariablesSchema.safeParse(raw.variables);
  const variables: LabVariables | undefined = declaredVars?.success ? declaredVars.data : undefined;
  const values = labVariables({ variables }, DEFAULT_LAB_SEED);
  const placeholderIssues: FieldIssue[] = declaredVars?.success === false ? [] : unknownVariablesInData(raw, new Set(Object.keys(values)));
  const textIssues = declaredVars?.success === false ? [] : unknownVariablesInTexts(files, new Set(Object.keys(values)), fileOf);
  const parsed = LabSchema.safeParse(variables ? substituteData(raw, values, numericVariables(variables)) : raw);
  if (!parsed.success) {
    const { describeIssues } = await import('./schema-issues');
    return fail([...located([...placeholderIssues, ...describeIssues(parsed.error.issues, yaml.data)]), ...textIssues]);
  }

  const def = parsed.data;
  const issues: FieldIssue[] = [...placeholderIssues, ...crossCheck(def, id)];
  const steps: LabStep[] = [];
  for (const [index, step] of def.steps.entries()) {
    if (typeof files[step.text] !== 'string') {
      const where = step.text.startsWith('steps/') ? '' : ' (step texts live in the steps/ folder)';
      issues.push({ path: ['steps', index, 'text'], message: `file "${step.text}" not found next to lab.yaml${where}; create it or fix the path` });
    }
    steps.push({ ...step, textPath: fileOf(step.text) });
  }
  const folder = folderFilesOf(files);
  const substituted = variables ? Object.fromEntries(Object.entries(folder).map(([path, text]) => [path, substituteVariables(text, values)])) : folder;
  const mounted = collectFiles(substituted, def.files ?? {}, issues);
  if (issues.length || textIssues.length) return fail([...located(issues), ...textIssues]);
  const varied = variables ? { template: { data: raw, files: folder }, instance: { seed: DEFAULT_LAB_SEED, values } } : {};
  return { ok: true, lab: { ...def, dir, file, steps, files: mounted, ...varied } };
}

/** `{{name}}` in a step text or a learner's file that names no declared variable, at its line in that file. */
function unknownVariablesInTexts(files: LabFiles, declared: ReadonlySet<string>, fileOf: (path: string) => string): LabIssue[] {
  const issues: LabIssue[] = [];
  for (const path of Object.keys(files).sort()) {
    if (path === LAB_FILE) continue;
    for (const { name, line, column } of placeholdersIn(files[path])) {
      if (!declared.has(name)) issues.push({ file: fileOf(path), path: formatPath([]), message: unknownMessage(name, declared), line, column });
    }
  }
  return issues;
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
function collectFiles(folder: LabFiles, inline: Record<string, string>, issues: FieldIssue[]): Record<string, string> {
  const files: Record<string, string> = { ...inline };
  for (const [path, content] of Object.entries(inline)) {
    if (Buffer.byteLength(content) > MAX_LAB_FILE_BYTES) issues.push({ path: ['files', path], message: `content is larger than ${MAX_LAB_FILE_BYTES} bytes` });
  }
  for (const [target, content] of Object.entries(mountedFolderFiles(folder))) {
    if (Object.hasOwn(files, target)) {
      issues.push({ path: ['files', target], message: `also present as files/${target.slice(target.indexOf('/', 1) + 1)}; keep only one of the two` });
      continue;
    }
    files[target] = content;
  }
  if (Object.keys(files).length > MAX_LAB_FILES) issues.push({ path: ['files'], message: `a lab may provide at most ${MAX_LAB_FILES} files` });
  return files;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
