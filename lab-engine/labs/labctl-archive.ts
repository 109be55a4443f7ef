// labctl export and import: a lab folder of content/labs as a zip (lab-archive.ts), the same
// archive the authoring editor exports and imports, so a lab moves between the browser and the
// repository unchanged. Loaded only for these two commands: fflate stays out of everything else.
//   labctl export ID [--out FILE]     write content/labs/ID as FILE (default: ./ID.zip)
//   labctl import FILE.zip [--force]  unpack into content/labs/<id>; --force replaces a lab already there

import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ID_PATTERN } from './lab-id';
import { LabFolderError, readLabFolder, writeLabFolder } from './lab-files';
import { packLabArchive, unpackLabArchive } from './lab-archive';
import { formatIssue, tryLoadLabFiles } from './loader';
import { MAX_LAB_ARCHIVE_BYTES } from './lab-limits';

/** What these commands print through and where they run (a part of labctl's LabctlIo). */
export interface ArchiveIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

// labctl's exit codes.
const OK = 0;
const FAILED = 1;
const USAGE = 2;

export async function archiveCommand(command: 'export' | 'import', args: string[], io: ArchiveIo, contentDir: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: command === 'export' ? { out: { type: 'string' } } : { force: { type: 'boolean' } },
    });
  } catch (error) {
    io.stderr(`labctl ${command}: ${(error instanceof Error ? error.message : String(error)).replace(/\. To specify.*$/s, '').replace(/^Unknown option/, 'unknown flag')} (see labctl --help)\n`);
    return USAGE;
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length) {
    io.stderr(command === 'export' ? 'labctl export: name exactly one lab id, e.g. labctl export my-lab\n' : 'labctl import: name exactly one archive, e.g. labctl import my-lab.zip\n');
    return USAGE;
  }
  return command === 'export'
    ? exportLab(target, typeof parsed.values.out === 'string' ? parsed.values.out : undefined, io, contentDir)
    : importLab(target, parsed.values.force === true, io, contentDir);
}

async function exportLab(id: string, out: string | undefined, io: ArchiveIo, contentDir: string): Promise<number> {
  if (!ID_PATTERN.test(id)) {
    io.stderr(`labctl export: "${id}" is not a lab id (lowercase letters, digits and dashes)\n`);
    return USAGE;
  }
  const dir = join(contentDir, 'labs', id);
  if (!existsSync(join(dir, 'lab.yaml'))) {
    io.stderr(`labctl export: no lab ${id} in ${relative(io.cwd, join(contentDir, 'labs')) || '.'}\n`);
    return FAILED;
  }
  let bytes: Uint8Array;
  try {
    bytes = packLabArchive(id, await readLabFolder(dir));
  } catch (error) {
    io.stderr(`labctl export: ${error instanceof LabFolderError ? `${relative(io.cwd, error.file)}: ` : ''}${error instanceof Error ? error.message : String(error)}\n`);
    return FAILED;
  }
  const file = resolve(io.cwd, out ?? `${id}.zip`);
  writeFileSync(file, bytes);
  io.stdout(`wrote ${relative(io.cwd, file) || file} (${bytes.length} bytes)\n`);
  return OK;
}

async function importLab(archive: string, force: boolean, io: ArchiveIo, contentDir: string): Promise<number> {
  const path = resolve(io.cwd, archive);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    io.stderr(`labctl import: cannot read ${archive}\n`);
    return FAILED;
  }
  if (size > MAX_LAB_ARCHIVE_BYTES) {
    io.stderr(`labctl import: ${archive} is larger than ${MAX_LAB_ARCHIVE_BYTES} bytes\n`);
    return FAILED;
  }
  const unpacked = unpackLabArchive(readFileSync(path));
  if (!unpacked.ok) {
    io.stderr(`labctl import: ${archive}: ${unpacked.message}\n`);
    return FAILED;
  }
  const dir = join(contentDir, 'labs', unpacked.id);
  const shown = relative(io.cwd, dir) || '.';
  if (existsSync(dir) && !force) {
    io.stderr(`labctl import: ${shown} already exists; pass --force to replace it\n`);
    return FAILED;
  }
  // Refused before anything is written: content/labs only ever holds labs that load.
  const loaded = await tryLoadLabFiles(unpacked.id, unpacked.files, { dir });
  if (!loaded.ok) {
    io.stderr(`labctl import: ${archive} holds a lab that does not load:\n${loaded.issues.map((issue) => `    ${formatIssue(issue, io.cwd)}\n`).join('')}`);
    return FAILED;
  }
  rmSync(dir, { recursive: true, force: true });
  await writeLabFolder(dir, unpacked.files);
  io.stdout(`imported ${unpacked.id} into ${shown}/ (${Object.keys(unpacked.files).length} files)\nnext: npx labctl test ${unpacked.id}\n`);
  return OK;
}
