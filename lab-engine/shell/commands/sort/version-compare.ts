// `sort -V`: GNU's version order (filevercmp's core, Debian's version comparison): runs of digits
// compare as numbers, the text between them character by character, letters before other
// characters and `~` before everything, even the end, so v1.9 < v1.10 and 1.0~rc1 < 1.0.

function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

export function versionCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // The non-digit prefix of each.
    while ((i < a.length && !/\d/.test(a[i])) || (j < b.length && !/\d/.test(b[j]))) {
      const x = i < a.length && !/\d/.test(a[i]) ? a[i] : undefined;
      const y = j < b.length && !/\d/.test(b[j]) ? b[j] : undefined;
      const d = order(x) - order(y);
      if (d) return d;
      i++;
      j++;
    }
    let x = '';
    let y = '';
    while (i < a.length && /\d/.test(a[i])) x += a[i++];
    while (j < b.length && /\d/.test(b[j])) y += b[j++];
    const d = Number(x || '0') - Number(y || '0');
    if (d) return d;
  }
  return 0;
}
