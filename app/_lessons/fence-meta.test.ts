import { describe, expect, it } from 'vitest';
import { parseFenceMeta } from './fence-meta';

describe('parseFenceMeta', () => {
  it('reads flags and quoted attributes', () => {
    const meta = parseFenceMeta('run title="Pods on \\"three\\" nodes" lang=bash');
    expect([...meta.flags]).toEqual(['run']);
    expect(meta.attributes.get('title')).toBe('Pods on "three" nodes');
    expect(meta.attributes.get('lang')).toBe('bash');
  });

  it('treats a missing meta as empty', () => {
    const meta = parseFenceMeta(null);
    expect(meta.flags.size).toBe(0);
    expect(meta.attributes.size).toBe(0);
  });

  it('accepts single quotes', () => {
    expect(parseFenceMeta("title='A b'").attributes.get('title')).toBe('A b');
  });
});
