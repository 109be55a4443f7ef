// The bundle keeps an idle labsh small (issue #12): what starting labsh loads — its entry chunk
// and the chunks that imports statically — holds the REPL, the interpreter and the simulation,
// but no command, no completion, neither YAML nor zod, and no lab archive code (fflate); those are chunks of their own,
// import()ed on first use. What it starts with is one chunk (and esbuild's runtime helpers), not
// one module per group of commands sharing it. Built in memory as build.mjs builds it.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildEngine, loadedAtStart } from './build-options.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the labsh bundle', () => {
  it('loads no command, no completion, no YAML and no zod when it starts', async () => {
    const { metafile } = await buildEngine(root, { write: false, sourcemap: false, logLevel: 'silent' });
    const atStart = [...loadedAtStart(metafile, 'labsh/labsh-main.ts')];
    // The table itself is there: names and loaders, no command behind them.
    expect(atStart).toContain('shell/commands/index.ts');
    expect(atStart).toContain('shell/interpreter/interpreter.ts');
    const commands = atStart.filter((input) => input.startsWith('shell/commands/') && input !== 'shell/commands/index.ts');
    expect(commands).toEqual([]);
    expect(atStart.filter((input) => /node_modules\/(yaml|zod)\//.test(input) || input === 'labs/schema.ts' || input === 'labsh/completion.ts')).toEqual([]);
    // Lab archives (fflate) and per-learner instantiation (zod again) are import()ed only where used.
    expect(atStart.filter((input) => /node_modules\/fflate\//.test(input) || ['labs/lab-archive.ts', 'labs/lab-instance.ts', 'labs/labctl-archive.ts'].includes(input))).toEqual([]);
    // Every command is an output of its own (or shares one with its kin), reached by import().
    const kubectl = Object.values(metafile.outputs).find((o) => o.inputs['shell/commands/kubectl/kubectl.ts']);
    expect(kubectl?.entryPoint).toBeUndefined();
  }, 60_000);

  it('starts from its entry, one chunk of code and the bundler runtime', async () => {
    const { metafile } = await buildEngine(root, { write: false, sourcemap: false, logLevel: 'silent' });
    const entry = Object.keys(metafile.outputs).find((o) => metafile.outputs[o].entryPoint === 'labsh/labsh-main.ts')!;
    const loaded = new Set<string>();
    const visit = (output: string) => {
      if (loaded.has(output)) return;
      loaded.add(output);
      for (const imported of metafile.outputs[output].imports) if (imported.kind === 'import-statement' && metafile.outputs[imported.path]) visit(imported.path);
    };
    visit(entry);
    expect(loaded.size).toBeLessThanOrEqual(3);
    // node:module's import alone starts Node's ESM loader (~1 MB per child, commonjs-output.mjs).
    const builtins = [...loaded].flatMap((output) => metafile.outputs[output].imports.filter((i) => i.external).map((i) => i.path));
    expect(builtins).not.toContain('node:module');
    // node:crypto's load starts OpenSSL (about 2 MB of an idle child, cluster/images.ts): hashes and
    // certificates reach it through core/node-crypto.ts, on first use.
    expect(builtins).not.toContain('node:crypto');
    // node:fs/promises (with the watchers it loads) is about 0.9 MB more; labsh reads with node:fs.
    expect(builtins).not.toContain('node:fs/promises');
  }, 60_000);
});
