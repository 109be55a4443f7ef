// A draft's hash names exactly its contents (whatever order the keys arrive in, and without two
// folders colliding by concatenation); stored files read back as written; sizes are measured in
// UTF-8 bytes against the draft limits.

import { describe, expect, it } from 'vitest';
import { draftSizeProblem, labFilesBytes, labFilesHash, parseStoredLabFiles, serializeLabFiles } from './lab-files-data';
import { MAX_DRAFT_BYTES, MAX_DRAFT_FILES } from './limits';

describe('lab files as the app stores them', () => {
  it('hashes the same folder alike in any key order, and any change differently', () => {
    const a = { 'lab.yaml': 'id: x\n', 'steps/01.mdx': 'Hello' };
    const b = { 'steps/01.mdx': 'Hello', 'lab.yaml': 'id: x\n' };
    expect(labFilesHash(a)).toBe(labFilesHash(b));
    expect(labFilesHash({ ...a, 'steps/01.mdx': 'Hello!' })).not.toBe(labFilesHash(a));
    expect(labFilesHash({ ab: 'c' })).not.toBe(labFilesHash({ a: 'bc' }));
    expect(labFilesHash({ a: 'b', c: '' })).not.toBe(labFilesHash({ a: 'b' }));
  });

  it('serialises in path order and reads back; an unreadable column reads as no files', () => {
    const files = { 'steps/02.mdx': 'two', 'lab.yaml': 'id: x\n', 'files/a.yaml': 'kind: Pod\n' };
    const json = serializeLabFiles(files);
    expect(Object.keys(JSON.parse(json))).toEqual(['files/a.yaml', 'lab.yaml', 'steps/02.mdx']);
    expect(parseStoredLabFiles(json)).toEqual(files);
    expect(parseStoredLabFiles('not json')).toEqual({});
    expect(parseStoredLabFiles('{"lab.yaml": 3}')).toEqual({});
  });

  it('measures UTF-8 bytes and refuses drafts over the limits', () => {
    expect(labFilesBytes({ a: 'é' })).toBe(2);
    expect(draftSizeProblem({ 'lab.yaml': 'x' })).toBeNull();
    expect(draftSizeProblem({ 'lab.yaml': 'x'.repeat(MAX_DRAFT_BYTES + 1) })).toMatch(/at most 900 KiB/);
    const many = Object.fromEntries(Array.from({ length: MAX_DRAFT_FILES + 1 }, (_, i) => [`files/${i}.txt`, '']));
    expect(draftSizeProblem(many)).toMatch(/at most 100 files/);
  });
});
