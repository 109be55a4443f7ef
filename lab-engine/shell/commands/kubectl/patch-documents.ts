// The three patch formats `kubectl patch --type` takes, applied to an object as plain JSON:
// - merge: JSON merge patch (RFC 7386): maps merge, `null` deletes, lists are replaced;
// - strategic: Kubernetes' strategic merge patch for the lists Flatnet's kinds carry: lists of
//   objects merge by their patch merge key (containers, env, volumes by `name`; container ports
//   by `containerPort`; Service ports by `port`), other lists are replaced; `$patch: delete` in
//   a list item removes the item with that key;
// - json: JSON patch (RFC 6902): add, remove, replace, move, copy, test at JSON pointers.
// Errors carry the texts kubectl's libraries print.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class PatchError extends Error {}

const isMap = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: Json, patch: Json): Json {
  if (!isMap(patch)) return patch;
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

/** The patch merge key of a list, by the field's name (types.go `patchMergeKey` tags). */
function mergeKey(field: string, items: readonly Json[]): string | undefined {
  switch (field) {
    case 'containers':
    case 'initContainers':
    case 'env':
    case 'volumes':
    case 'volumeMounts':
    case 'imagePullSecrets':
      return field === 'volumeMounts' ? 'mountPath' : 'name';
    case 'ports':
      // Service ports merge on `port`, container ports on `containerPort`.
      return items.some((i) => isMap(i) && 'containerPort' in i) ? 'containerPort' : 'port';
    default:
      return undefined;
  }
}

export function strategicMergePatch(target: Json, patch: Json, field = ''): Json {
  if (Array.isArray(patch)) {
    const key = mergeKey(field, [...patch, ...(Array.isArray(target) ? target : [])]);
    if (!key || !Array.isArray(target) || !patch.every(isMap)) return patch.filter((i) => !(isMap(i) && i.$patch === 'delete'));
    const out = [...target];
    for (const item of patch as Record<string, Json>[]) {
      const index = out.findIndex((t) => isMap(t) && t[key] === item[key]);
      if (item.$patch === 'delete') {
        if (index >= 0) out.splice(index, 1);
        continue;
      }
      if (index >= 0) out[index] = strategicMergePatch(out[index], item);
      else out.push(item);
    }
    return out;
  }
  if (!isMap(patch)) return patch;
  if (patch.$patch === 'replace') {
    const { $patch: _, ...rest } = patch;
    return rest;
  }
  const out: Record<string, Json> = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = strategicMergePatch(out[key] ?? null, value, key);
  }
  return out;
}

interface JsonPatchOp {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(doc: Json, tokens: string[], path: string): { parent: Record<string, Json> | Json[]; last: string } {
  let node: Json = doc;
  for (const token of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(token)] : isMap(node) ? node[token] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') throw new PatchError(`doc is missing path: "${path}": missing value`);
    node = next;
  }
  if (node === null || typeof node !== 'object') throw new PatchError(`doc is missing path: "${path}": missing value`);
  return { parent: node, last: tokens[tokens.length - 1] };
}

function getAt(doc: Json, path: string): Json {
  let node: Json = doc;
  for (const token of parsePointer(path)) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(token)] : isMap(node) ? node[token] : undefined;
    if (next === undefined) throw new PatchError(`doc is missing path: "${path}": missing value`);
    node = next;
  }
  return node;
}

function removeAt(doc: Json, path: string): Json {
  const { parent, last } = parentOf(doc, parsePointer(path), path);
  if (Array.isArray(parent)) {
    const i = Number(last);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length) throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!(last in parent)) throw new PatchError(`remove operation does not apply: doc is missing path: "${path}": missing value`);
  const value = parent[last];
  delete parent[last];
  return value;
}

function addAt(doc: Json, path: string, value: Json, replace: boolean): Json {
  const tokens = parsePointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length || (replace && i >= parent.length)) throw new PatchError(`Unable to access invalid index: ${i}: invalid index referenced`);
    parent.splice(i, replace ? 1 : 0, value);
  } else {
    if (replace && !(last in parent)) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[last] = value;
  }
  return doc;
}

export function jsonPatch(target: Json, ops: Json): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc: Json = JSON.parse(JSON.stringify(target));
  for (const raw of ops) {
    if (!isMap(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') throw new PatchError('Unexpected kind: missing op or path');
    const op = raw as unknown as JsonPatchOp;
    switch (op.op) {
      case 'add':
        doc = addAt(doc, op.path, op.value ?? null, false);
        break;
      case 'replace':
        doc = addAt(doc, op.path, op.value ?? null, true);
        break;
      case 'remove':
        removeAt(doc, op.path);
        break;
      case 'move': {
        const value = removeAt(doc, op.from ?? '');
        doc = addAt(doc, op.path, value, false);
        break;
      }
      case 'copy':
        doc = addAt(doc, op.path, JSON.parse(JSON.stringify(getAt(doc, op.from ?? ''))), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value ?? null)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return doc;
}
