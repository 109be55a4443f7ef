// How a field of lab.yaml is named in an error, apart from the zod-based issue text so the loader
// can name fields without loading zod.

/** `steps[0].checks[1].kind`; the empty path is the document itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    // Map keys that are not plain names (file paths under `files`) are quoted so the path stays unambiguous.
    else if (typeof key === 'string' && !/^[A-Za-z_][\w-]*$/.test(key)) out += `[${JSON.stringify(key)}]`;
    else out += `${out ? '.' : ''}${String(key)}`;
  }
  return out || '(top level)';
}
