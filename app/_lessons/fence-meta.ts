// Reads the "meta" of a Markdown code fence (```mermaid title="Pods and nodes" or ```sh run):
// bare words become flags, key="value" pairs become attributes. Shared by the remark steps so
// every fence in a lesson speaks the same small language.

export interface FenceMeta {
  flags: Set<string>;
  attributes: Map<string, string>;
}

const TOKEN = /([A-Za-z][\w-]*)(?:=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)))?/g;

export function parseFenceMeta(meta: string | null | undefined): FenceMeta {
  const flags = new Set<string>();
  const attributes = new Map<string, string>();
  for (const match of (meta ?? '').matchAll(TOKEN)) {
    const [whole, key, doubleQuoted, singleQuoted, bare] = match;
    if (!whole.includes('=')) {
      flags.add(key);
      continue;
    }
    const value = doubleQuoted !== undefined ? doubleQuoted.replace(/\\(.)/g, '$1') : (singleQuoted ?? bare ?? '');
    attributes.set(key, value);
  }
  return { flags, attributes };
}
