// Types for build-options.mjs, so the TypeScript test that imports it type-checks.
import type { BuildOptions, BuildResult, Metafile } from 'esbuild';

export function engineBuildOptions(root: string): BuildOptions & { metafile: true };
export function loadedAtStart(metafile: Metafile, entry: string): Set<string>;
export function buildEngine(root: string, overrides?: BuildOptions): Promise<BuildResult & { metafile: Metafile }>;
