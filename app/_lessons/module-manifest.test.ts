import { describe, expect, it } from 'vitest';
import { ContentError, parseModuleManifest, sandboxLabOf } from './module-manifest';

const valid = `
title: The pod network
order: 1
summary: How every pod gets an address.
lessons:
  - slug: pod-network-model
    title: The pod network model
    file: pod-network-model.mdx
labs: [pod-network-basics]
`;

function errorOf(text: string): string {
  try {
    parseModuleManifest(text, 'content/modules/01-x/module.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return (error as Error).message;
  }
  throw new Error('expected the manifest to be rejected');
}

describe('parseModuleManifest', () => {
  it('accepts a valid manifest', () => {
    const manifest = parseModuleManifest(valid, 'module.yaml');
    expect(manifest).toMatchObject({ title: 'The pod network', order: 1, labs: ['pod-network-basics'] });
    expect(manifest.lessons[0]).toEqual({ slug: 'pod-network-model', title: 'The pod network model', file: 'pod-network-model.mdx' });
  });

  it('defaults labs to none', () => {
    expect(parseModuleManifest(valid.replace(/^labs:.*$/m, ''), 'module.yaml').labs).toEqual([]);
  });

  it('takes an optional sandbox lab, which the lesson pages run instead of the first lab', () => {
    const manifest = parseModuleManifest(`${valid}sandbox: pods-sandbox\n`, 'module.yaml', { labIds: new Set(['pods-sandbox', 'pod-network-basics']) });
    expect(manifest.sandbox).toBe('pods-sandbox');
    expect(sandboxLabOf(manifest)).toBe('pods-sandbox');
    expect(sandboxLabOf(parseModuleManifest(valid, 'module.yaml'))).toBe('pod-network-basics');
    expect(sandboxLabOf(parseModuleManifest(valid.replace(/^labs:.*$/m, ''), 'module.yaml'))).toBeUndefined();
  });

  it('refuses a sandbox that names no lab, or is not a lab id', () => {
    const labIds = new Set(['pod-network-basics']);
    try {
      parseModuleManifest(`${valid}sandbox: pods-sandbox\n`, 'content/modules/01-x/module.yaml', { labIds });
      throw new Error('expected the manifest to be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      expect((error as Error).message).toBe('content/modules/01-x/module.yaml: sandbox: no lab "pods-sandbox" in content/labs; create content/labs/pods-sandbox/lab.yaml or name an existing lab');
    }
    expect(errorOf(`${valid}sandbox: Pods_Sandbox\n`)).toContain('sandbox: sandbox must be lowercase letters, digits and single dashes');
    expect(errorOf(`${valid}sandbx: pods-sandbox\n`)).toMatch(/unknown key\(s\) sandbx: a module has title, order, summary, lessons, labs and sandbox/);
  });

  it('names the file and field of a wrong value and suggests the fix', () => {
    const message = errorOf(valid.replace('order: 1', 'order: first'));
    expect(message).toContain('content/modules/01-x/module.yaml: order: order must be a whole number');
    expect(message).toContain('e.g. order: 1');
  });

  it('points into lists', () => {
    const message = errorOf(valid.replace('file: pod-network-model.mdx', 'file: pod-network-model.md'));
    expect(message).toContain('lessons[0].file: file must name an .mdx file');
  });

  it('reports every problem at once, including unknown keys', () => {
    const message = errorOf(valid.replace('title: The pod network\n', 'titel: The pod network\n'));
    expect(message).toMatch(/\(top level\): unknown key\(s\) titel/);
    expect(message).toMatch(/title: a module needs a title/);
  });

  it('rejects a slug used twice', () => {
    const twice = valid.replace('labs:', '  - slug: pod-network-model\n    title: Again\n    file: again.mdx\nlabs:');
    expect(errorOf(twice)).toContain('lessons[1].slug: lesson slug "pod-network-model" is used twice');
  });

  it('reports bad YAML with a line and column', () => {
    expect(errorOf('title: [unclosed\n')).toMatch(/module\.yaml:2:1: not valid YAML: Flow sequence .* end with a \]$/);
  });

  it('stops a YAML alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(errorOf(bomb)).toMatch(/not valid YAML|alias/i);
  });
});
