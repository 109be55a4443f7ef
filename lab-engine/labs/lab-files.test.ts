import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LabFolderError, labFilesIssues, labPathProblem, readLabFolder, writeLabFolder } from './lab-files';
import { MAX_LAB_FILE_BYTES, MAX_LAB_FOLDER_FILES, MAX_LAB_STEP_BYTES } from './lab-limits';

const testLab = join(import.meta.dirname, 'testdata', 'content', 'labs', 'files-lab');

describe('lab files', () => {
  let tmp: string;
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'flatnet-lab-files-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it('reads lab.yaml, steps/ and files/ of a folder by POSIX path, and nothing else', async () => {
    const files = await readLabFolder(testLab);
    expect(Object.keys(files).sort()).toEqual(['files/app.yaml', 'files/manifests/svc.yaml', 'lab.yaml', 'steps/01-start.mdx']);
    expect(files['files/manifests/svc.yaml']).toBe('kind: Service\n');
    await writeLabFolder(tmp, files);
    await writeFile(join(tmp, 'README.md'), 'notes\n');
    await symlink('/etc/passwd', join(tmp, 'files', 'passwd'));
    expect(await readLabFolder(tmp)).toEqual(files);
  });

  it('refuses paths that leave the folder or are not the lab\'s', () => {
    for (const bad of ['../x', '/etc/passwd', 'steps/../../x', 'files//a', 'C:/x', 'files\\a', 'README.md', 'files', 'steps/./a.mdx', 'files/a b']) {
      expect(labPathProblem(bad), bad).toBeDefined();
    }
    expect(labPathProblem('files/a/b/c/d/e.yaml')).toBeUndefined();
    expect(labPathProblem('files/a/b/c/d/e/f.yaml')).toBe('at most 4 folders deep below files/');
    expect(labPathProblem('lab.yaml')).toBeUndefined();
  });

  it('lists every problem of a folder as data with the file it is in', () => {
    const issues = labFilesIssues({ '../evil': 'x', 'steps/big.mdx': 'x'.repeat(MAX_LAB_STEP_BYTES + 1), 'files/ok.yaml': 'x' });
    expect(issues.map((issue) => `${issue.file}: ${issue.message}`)).toEqual([
      '../evil: the path must not hold "..", "." or an empty folder name',
      `steps/big.mdx: larger than ${MAX_LAB_STEP_BYTES} bytes`,
      'lab.yaml: a lab folder needs its lab.yaml',
    ]);
    const many = Object.fromEntries(Array.from({ length: MAX_LAB_FOLDER_FILES + 1 }, (_, i) => [`files/f${i}`, '']));
    expect(labFilesIssues({ 'lab.yaml': '', ...many })[0].message).toContain(`at most ${MAX_LAB_FOLDER_FILES} files`);
    expect(labFilesIssues({ 'lab.yaml': 'id: x\n', 'files/a.yaml': 'a' })).toEqual([]);
  });

  it('writes nothing it would refuse', async () => {
    await expect(writeLabFolder(tmp, { 'lab.yaml': '', '../escape.txt': 'x' })).rejects.toBeInstanceOf(LabFolderError);
    expect(await readLabFolder(tmp)).toEqual({});
  });

  it('refuses to read a folder past the limits', async () => {
    await mkdir(join(tmp, 'files'), { recursive: true });
    await writeFile(join(tmp, 'lab.yaml'), 'id: x\n');
    await writeFile(join(tmp, 'files', 'big.bin'), Buffer.alloc(MAX_LAB_FILE_BYTES + 1));
    await expect(readLabFolder(tmp)).rejects.toThrow(`larger than ${MAX_LAB_FILE_BYTES} bytes`);
  });
});
