// `kubectl run --overrides=JSON [--override-type=merge|strategic|json]` (kubernetes/kubectl
// pkg/cmd/util/override_options.go, helpers.go Merge/StrategicMerge/JSONPatch): the pod kubectl
// generated, as JSON, patched with the fragment before it is sent. The default is an RFC 7396
// merge patch, so a `containers` list in the fragment replaces the generated one whole;
// `--override-type=strategic` merges containers by name.

import { jsonPatch, mergePatch, PatchError, strategicMergePatch, type Json } from './patch-documents';

export type OverrideOutcome = { ok: true; object: Record<string, unknown> } | { ok: false; error: string };

export function applyOverrides(generated: object, fragment: string, type: string): OverrideOutcome {
  if (type !== 'merge' && type !== 'strategic' && type !== 'json') return { ok: false, error: `error: invalid override type: ${type}\n` };
  let patch: Json;
  try {
    patch = JSON.parse(fragment) as Json;
  } catch {
    // evanphx/json-patch's errBadJSONPatch / errBadJSONDoc.
    return { ok: false, error: type === 'json' ? 'error: invalid character in JSON patch\n' : 'error: Invalid JSON Patch\n' };
  }
  const target = JSON.parse(JSON.stringify(generated)) as Json;
  try {
    const patched = type === 'merge' ? mergePatch(target, patch) : type === 'strategic' ? strategicMergePatch(target, patch) : jsonPatch(target, patch);
    if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) return { ok: false, error: 'error: Object \'Kind\' is missing in the overridden object\n' };
    return { ok: true, object: typedAgain(patched as Record<string, unknown>) };
  } catch (error) {
    if (error instanceof PatchError) return { ok: false, error: `error: ${error.message}\n` };
    throw error;
  }
}

/** Decoding into a typed v1.Pod brings back the fields that are never omitted (a container's `resources: {}`). */
function typedAgain(pod: Record<string, unknown>): Record<string, unknown> {
  const spec = pod.spec as { containers?: unknown } | undefined;
  if (spec && Array.isArray(spec.containers)) {
    spec.containers = spec.containers.map((c) => (typeof c === 'object' && c !== null && !('resources' in c) ? { ...c, resources: {} } : c));
  }
  return pod;
}
