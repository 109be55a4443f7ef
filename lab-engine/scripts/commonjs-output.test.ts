// The engine's split ESM build rewritten as CommonJS (commonjs-output.mjs): the files still find
// each other, a lazily imported chunk still loads only when import() runs, import.meta.url still
// names the file, and a process that runs them never starts Node's ESM loader.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { convertBuild, ESM_REQUIRE_BANNER, toCommonJs } from './commonjs-output.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flatnet-cjs-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'chunks'));
  for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), `${ESM_REQUIRE_BANNER}\n${code}`);
  return dir;
}

describe('the engine build as CommonJS', () => {
  it('keeps static imports, lazy import() and import.meta.url working, without the ESM loader', async () => {
    const dir = build({
      'main.mjs': [
        'import { shared } from "./chunks/shared.mjs";',
        'const before = globalThis.lazyLoaded === true;',
        'const lazy = await import("./chunks/lazy.mjs").catch(() => null);',
        '',
      ].join('\n'),
    });
    // Top-level await has no CommonJS form: the converter says so rather than writing broken code.
    await expect(convertBuild(dir)).rejects.toThrow(/await/i);

    const good = build({
      'main.mjs': [
        'import { shared } from "./chunks/shared.mjs";',
        'const before = globalThis.lazyLoaded === true;',
        'import("./chunks/lazy.mjs").then((m) => {',
        '  const esm = process.moduleLoadList.some((x) => x.includes("esm/loader"));',
        '  process.stdout.write(JSON.stringify({ shared, before, after: globalThis.lazyLoaded, value: m.value, url: m.url, esm }));',
        '});',
        '',
      ].join('\n'),
      'chunks/shared.mjs': 'export const shared = require("node:path").basename("/a/b");\n',
      'chunks/lazy.mjs': 'globalThis.lazyLoaded = true;\nexport const value = 42;\nexport const url = import.meta.url;\n',
    });
    await convertBuild(good);
    const out = JSON.parse(execFileSync(process.execPath, [join(good, 'main.cjs')], { encoding: 'utf8' }));
    expect(out).toEqual({ shared: 'b', before: false, after: true, value: 42, url: `file://${join(good, 'chunks', 'lazy.cjs')}`, esm: false });
    expect(readFileSync(join(good, 'main.cjs'), 'utf8')).not.toMatch(/\bimport\(|\.mjs/);
  });

  it('refuses a file that was not built with the engine banner', async () => {
    await expect(toCommonJs('export const x = 1;\n')).rejects.toThrow(/banner/);
  });
});
