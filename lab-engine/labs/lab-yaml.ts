// Reads a lab.yaml's text into plain data with the YAML parser's own safety limits, and knows
// where each field sits in the file, so every error can point at a line and column.

import { LineCounter, parseDocument, isMap, isNode, isSeq, isScalar, type Document } from 'yaml';
import { MAX_LAB_YAML_ALIASES } from './lab-limits';
import type { FieldPath } from './schema-issues';

export interface Position {
  line: number;
  column: number;
}

export type YamlRead =
  | { ok: true; data: unknown; locate(path: FieldPath): Position | undefined }
  | { ok: false; errors: { message: string; position?: Position }[] };

export function readYaml(text: string): YamlRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, strict: true });
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.map((error) => ({
        message: firstLine(error.message),
        position: error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : undefined,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_LAB_YAML_ALIASES });
  } catch (error) {
    // yaml throws a ReferenceError for alias bombs; say what happened in the author's terms.
    const message = error instanceof ReferenceError ? `too many YAML aliases (more than ${MAX_LAB_YAML_ALIASES} expansions); write the content out instead` : errorText(error);
    return { ok: false, errors: [{ message }] };
  }
  return {
    ok: true,
    data,
    locate: (path) => {
      const offset = offsetOf(doc, path);
      if (offset === undefined) return undefined;
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}

/** Offset of the deepest node on `path` that exists; for a map entry, its key (where an author looks). */
function offsetOf(doc: Document, path: FieldPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = rangeStart(node);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      if (node === undefined) break;
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
