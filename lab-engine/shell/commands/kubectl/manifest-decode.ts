// From manifest text to API objects, as kubectl's resource builder does it: split the stream into
// YAML documents, skip empty ones, unwrap `kind: List`, and refuse what cannot be an object with
// kubectl's own wording. kubectl converts YAML to JSON with sigs.k8s.io/yaml (go-yaml v2); its
// messages are mapped from the `yaml` package's error codes to go-yaml's phrases, with the line.

// The yaml library loads on the first manifest a session decodes, not at every labsh start.
type YamlLibrary = typeof import('yaml');
let yamlLibrary: Promise<YamlLibrary> | undefined;
const loadYaml = (): Promise<YamlLibrary> => (yamlLibrary ??= import('yaml'));
import { MAX_MANIFEST_ALIASES, MAX_MANIFEST_DOCUMENTS } from '../../../core/limits';

export interface ManifestObject {
  /** Where it came from, as kubectl names it in messages (`svc.yaml`, `STDIN`). */
  source: string;
  object: Record<string, unknown>;
}

export type DecodeResult = { ok: true; objects: ManifestObject[] } | { ok: false; error: string };

/** go-yaml's phrase for each of the `yaml` package's error codes that a hand-written manifest hits. */
function goYamlPhrase(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'MISSING_CHAR':
      return message.includes('"') || message.includes("'") ? 'found unexpected end of stream' : "could not find expected ':'";
    case 'BAD_INDENT':
    case 'UNEXPECTED_TOKEN':
    default:
      return 'did not find expected key';
  }
}

export async function decodeManifests(text: string, source: string): Promise<DecodeResult> {
  const { LineCounter, parseAllDocuments } = await loadYaml();
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  const list = Array.isArray(docs) ? docs : [docs];
  if (list.length > MAX_MANIFEST_DOCUMENTS) return { ok: false, error: `error: error parsing ${source}: more than ${MAX_MANIFEST_DOCUMENTS} documents in one stream\n` };
  const objects: ManifestObject[] = [];
  for (const doc of list) {
    const first = doc.errors[0];
    if (first) {
      const line = lines.linePos(first.pos[0]).line;
      if (first.code === 'DUPLICATE_KEY') {
        const key = /Map keys must be unique/.test(first.message) ? duplicateKey(text, line) : undefined;
        return { ok: false, error: `error: error parsing ${source}: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${line}: key ${JSON.stringify(key ?? '')} already set in map\n` };
      }
      return { ok: false, error: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${goYamlPhrase(first.code, first.message)}\n` };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_MANIFEST_ALIASES });
    } catch (error) {
      if (error instanceof ReferenceError) return { ok: false, error: `error: error parsing ${source}: error converting YAML to JSON: yaml: document contains excessive aliasing\n` };
      throw error;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: `error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n` };
    }
    const obj = value as Record<string, unknown>;
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const item of obj.items) if (item && typeof item === 'object' && !Array.isArray(item)) objects.push({ source, object: item as Record<string, unknown> });
      continue;
    }
    objects.push({ source, object: obj });
  }
  for (const { object } of objects) {
    const missing = !object.apiVersion ? 'apiVersion' : !object.kind ? 'kind' : undefined;
    if (missing) return { ok: false, error: `error: error validating "${source}": error validating data: ${missing} not set; if you choose to ignore these errors, turn validation off with --validate=false\n` };
  }
  return { ok: true, objects };
}

/** The key a duplicate-key error is about: the mapping key on that line. */
function duplicateKey(text: string, line: number | undefined): string | undefined {
  if (!line) return undefined;
  return /^\s*(?:-\s+)?([^:#\s][^:#]*?)\s*:/.exec(text.split('\n')[line - 1] ?? '')?.[1];
}
