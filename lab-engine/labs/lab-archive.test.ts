import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { packLabArchive, unpackLabArchive } from './lab-archive';
import { readLabFolder } from './lab-files';
import { listLabDirs, tryLoadLabFiles } from './loader';
import { MAX_LAB_ARCHIVE_ENTRIES, MAX_LAB_FILE_BYTES, MAX_LAB_FOLDER_BYTES } from './lab-limits';

const repoContent = resolve(import.meta.dirname, '..', '..', 'content');
const text = (s: string) => new TextEncoder().encode(s);

describe('lab archives', () => {
  it('round-trips every course lab byte for byte, and the unpacked lab still loads', async () => {
    for (const dir of await listLabDirs(repoContent)) {
      const id = dir.split('/').at(-1) ?? '';
      const files = await readLabFolder(dir);
      const unpacked = unpackLabArchive(packLabArchive(id, files));
      expect(unpacked, id).toEqual({ ok: true, id, files });
      if (unpacked.ok) expect((await tryLoadLabFiles(unpacked.id, unpacked.files)).ok, id).toBe(true);
    }
  });

  it('packs the same lab to the same bytes, whatever the order of its files', async () => {
    const files = await readLabFolder(join(repoContent, 'labs', 'pod-network-basics'));
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    expect(Buffer.from(packLabArchive('pod-network-basics', reversed)).equals(Buffer.from(packLabArchive('pod-network-basics', files)))).toBe(true);
    expect(() => packLabArchive('../x', files)).toThrow('is not a lab id');
    expect(() => packLabArchive('x', { ...files, '../up': '' })).toThrow('../up');
  });

  it('stops a zip bomb at the limit while inflating', () => {
    const one = unpackLabArchive(zipSync({ 'x/lab.yaml': text('id: x\n'), 'x/files/big.yaml': new Uint8Array(MAX_LAB_FILE_BYTES + 1) }));
    expect(one).toEqual({ ok: false, message: `x/files/big.yaml: larger than ${MAX_LAB_FILE_BYTES} bytes once unpacked` });
    const many: Record<string, Uint8Array> = { 'x/lab.yaml': text('id: x\n') };
    for (let i = 0; i < Math.ceil(MAX_LAB_FOLDER_BYTES / MAX_LAB_FILE_BYTES) + 1; i++) many[`x/files/f${i}.yaml`] = new Uint8Array(MAX_LAB_FILE_BYTES);
    expect(unpackLabArchive(zipSync(many))).toEqual({ ok: false, message: `the lab's files together are larger than ${MAX_LAB_FOLDER_BYTES} bytes once unpacked` });
    const entries = Object.fromEntries(Array.from({ length: MAX_LAB_ARCHIVE_ENTRIES + 1 }, (_, i) => [`x/files/d${i}/`, new Uint8Array(0)]));
    expect(unpackLabArchive(zipSync(entries))).toEqual({ ok: false, message: `the archive lists more than ${MAX_LAB_ARCHIVE_ENTRIES} entries` });
  });

  it('refuses paths out of the folder, more than one folder, binary files and what is not a zip', () => {
    const refused = (entries: Record<string, Uint8Array>) => {
      const result = unpackLabArchive(zipSync(entries));
      return result.ok ? 'accepted' : result.message;
    };
    const lab = { 'x/lab.yaml': text('id: x\n') };
    expect(refused({ ...lab, 'x/../../etc/cron.d/evil': text('boom') })).toBe('x/../../etc/cron.d/evil: the path must not hold "..", "." or an empty folder name');
    expect(refused({ '/etc/passwd': text('root') })).toContain('is not inside a lab folder');
    expect(refused({ 'lab.yaml': text('id: x\n') })).toContain('is not inside a lab folder');
    expect(refused({ ...lab, 'y/lab.yaml': text('id: y\n') })).toBe('the archive holds more than one folder ("x" and "y"); put one lab in each archive');
    expect(refused({ ...lab, 'x/files/logo.png': new Uint8Array([0x89, 0x50, 0xff, 0xfe, 0x00]) })).toBe('x/files/logo.png: not UTF-8 text; a lab holds only text files');
    expect(refused({ ...lab, 'x/README.md': text('hi') })).toContain('a lab folder holds only lab.yaml, steps/');
    expect(refused({ 'x/steps/a.mdx': text('hi') })).toBe('x/lab.yaml: a lab folder needs its lab.yaml');
    expect(refused({})).toContain('the archive is empty');
    expect(unpackLabArchive(text('not a zip at all'))).toMatchObject({ ok: false });
    // What macOS adds beside a folder it zips is skipped, not refused.
    expect(unpackLabArchive(zipSync({ ...lab, '__MACOSX/x/._lab.yaml': new Uint8Array([0, 5, 22, 7]), 'x/.DS_Store': new Uint8Array([0, 0, 0, 1]) }))).toEqual({ ok: true, id: 'x', files: { 'lab.yaml': 'id: x\n' } });
  });
});
