// A lab folder as a zip archive, for moving labs between the browser editor and content/labs
// (labctl export/import, the authoring API's export and import): `<id>/lab.yaml`,
// `<id>/steps/…`, `<id>/files/…`. Packing is deterministic — sorted entries, a fixed timestamp —
// so the same lab gives the same bytes. Unpacking treats the archive as hostile: its size, the
// number of entries, each file's and the total inflated size are bounded while inflating (a zip
// bomb stops at the limit, whatever its headers claim), paths must stay in one top folder named
// like a lab id, and every file must be UTF-8 text.

import { Unzip, UnzipInflate, strToU8, zipSync, type Zippable } from 'fflate';
import { ID_PATTERN } from './lab-id';
import { labFilesIssues, labPathProblem, maxBytesOf, type LabFiles } from './lab-files';
import { MAX_LAB_ARCHIVE_BYTES, MAX_LAB_ARCHIVE_ENTRIES, MAX_LAB_FOLDER_BYTES } from './lab-limits';

export type UnpackedLab = { ok: true; id: string; files: LabFiles } | { ok: false; message: string };

/** Every entry's time: local midnight of 1 January 2000, so the bytes do not depend on when or where it was packed. */
const FIXED_MTIME = new Date(2000, 0, 1);

/** Entries an archiver adds beside the folder that are not the lab: skipped, not refused. */
const JUNK = /(^__MACOSX\/|(^|\/)\.DS_Store$)/;

/** The zip of `<id>/…`; throws if `id` is not a lab id or the files would not pass labFilesIssues. */
export function packLabArchive(id: string, files: LabFiles): Uint8Array {
  if (!ID_PATTERN.test(id)) throw new Error(`"${id}" is not a lab id (lowercase letters, digits and dashes)`);
  const issues = labFilesIssues(files);
  if (issues.length) throw new Error(issues.map((issue) => `${issue.file}: ${issue.message}`).join('\n'));
  const entries: Zippable = {};
  for (const path of Object.keys(files).sort()) entries[`${id}/${path}`] = [strToU8(files[path]), { mtime: FIXED_MTIME, level: 6 }];
  return zipSync(entries);
}

/** The lab folder inside a zip; a message instead when the archive is not one lab folder within the limits. */
export function unpackLabArchive(bytes: Uint8Array): UnpackedLab {
  if (bytes.length > MAX_LAB_ARCHIVE_BYTES) return { ok: false, message: `the archive is larger than ${MAX_LAB_ARCHIVE_BYTES} bytes` };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: LabFiles = {};
  let top: string | undefined;
  let entries = 0;
  let total = 0;
  let problem: string | undefined;
  const refuse = (message: string) => {
    problem ??= message;
  };

  const unzip = new Unzip((file) => {
    if (problem) return;
    if (++entries > MAX_LAB_ARCHIVE_ENTRIES) return refuse(`the archive lists more than ${MAX_LAB_ARCHIVE_ENTRIES} entries`);
    const name = file.name;
    if (JUNK.test(name)) return;
    const slash = name.indexOf('/');
    const folder = slash < 0 ? name : name.slice(0, slash);
    const path = slash < 0 ? '' : name.slice(slash + 1);
    if (slash < 0 || !ID_PATTERN.test(folder)) return refuse(`"${name.slice(0, 200)}" is not inside a lab folder: the archive must hold one folder named by the lab id (e.g. my-lab/lab.yaml)`);
    if (top !== undefined && folder !== top) return refuse(`the archive holds more than one folder ("${top}" and "${folder}"); put one lab in each archive`);
    top = folder;
    if (path === '' || path.endsWith('/')) return; // a folder entry
    const pathProblem = labPathProblem(path);
    if (pathProblem) return refuse(`${name.slice(0, 200)}: ${pathProblem}`);
    if (Object.hasOwn(files, path)) return refuse(`${name}: listed twice`);
    const limit = maxBytesOf(path);
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (problem) return;
      if (error) return refuse(`${name}: cannot be unpacked (${error.message})`);
      size += chunk.length;
      total += chunk.length;
      if (size > limit) return stop(file, `${name}: larger than ${limit} bytes once unpacked`);
      if (total > MAX_LAB_FOLDER_BYTES) return stop(file, `the lab's files together are larger than ${MAX_LAB_FOLDER_BYTES} bytes once unpacked`);
      chunks.push(chunk);
      if (!final) return;
      try {
        files[path] = decoder.decode(concat(chunks, size));
      } catch {
        refuse(`${name}: not UTF-8 text; a lab holds only text files`);
      }
    };
    const stop = (f: { terminate(): void }, message: string) => {
      refuse(message);
      f.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    return { ok: false, message: `not a zip archive the lab can be read from (${error instanceof Error ? error.message : String(error)})` };
  }
  if (problem) return { ok: false, message: problem };
  if (top === undefined) return { ok: false, message: 'the archive is empty: it must hold one lab folder (my-lab/lab.yaml, my-lab/steps/…)' };
  const issues = labFilesIssues(files);
  if (issues.length) return { ok: false, message: `${top}/${issues[0].file}: ${issues[0].message}` };
  return { ok: true, id: top, files };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
