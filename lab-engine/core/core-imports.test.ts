// The engine's core must stay a plain library: no framework, pty, ORM or auth imports anywhere
// under core/, cluster/, dataplane/, shell/, labs/ or session/ (the tsconfig `paths` guard catches
// named imports at type-check time; this catches every form, side-effect imports included).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FOLDERS = ['core', 'cluster', 'dataplane', 'shell', 'labs', 'session'];
const FORBIDDEN = /^(next|react|react-dom|node-pty|better-auth|@prisma\/[^/]+)(\/.*)?$/;
const SPECIFIER = /(?:\bimport\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?|\bexport\s+(?:type\s+)?[^'"]*?\sfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function tsFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'testdata') return [];
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function forbiddenImports(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1]).filter((s) => FORBIDDEN.test(s));
}

describe('engine core imports', () => {
  it('recognises every import form', () => {
    const sample = `import x from 'next/server';\nimport type { P } from "@prisma/client";\nimport 'react';\nexport { a } from 'node-pty';\nconst b = await import('better-auth/plugins');\nrequire('react-dom');\nimport { ok } from './next';`;
    expect(forbiddenImports(sample)).toEqual(['next/server', '@prisma/client', 'react', 'node-pty', 'better-auth/plugins', 'react-dom']);
  });

  it('finds none in core, cluster, dataplane, shell, labs, session', () => {
    const offenders: string[] = [];
    for (const folder of FOLDERS) {
      // This file's own samples above are strings on purpose.
      for (const file of tsFiles(join(ROOT, folder)).filter((f) => f !== import.meta.filename)) {
        for (const spec of forbiddenImports(readFileSync(file, 'utf8'))) offenders.push(`${relative(ROOT, file)}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
