// Types for commonjs-output.mjs, so the TypeScript test that imports it type-checks.

export const ESM_REQUIRE_BANNER: string;
export function toCommonJs(code: string): Promise<string>;
export function convertBuild(dir: string): Promise<void>;
