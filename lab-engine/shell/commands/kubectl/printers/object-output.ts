// `-o json`, `-o yaml` and `-o name`. kubectl prints from unstructured maps, so keys come out
// sorted; JSON is indented with four spaces and escapes <, > and & as Go's encoder does; YAML is
// go-yaml v2's style (sequences not indented under their key, YAML 1.1 quoting). The yaml
// package is loaded on first use: it adds ~8 MB RSS, too much to pay in every idle session.


type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sortKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value as Json;
}

/** A list of several objects, as kubectl wraps them. */
export function asList(items: readonly object[]): object {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

export function toJson(obj: object): string {
  return `${JSON.stringify(sortKeys(obj), null, 4).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`)}\n`;
}

export async function toYaml(obj: object): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(sortKeys(obj), { version: '1.1', indentSeq: false, sortMapEntries: true, lineWidth: 0 });
}

export const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
