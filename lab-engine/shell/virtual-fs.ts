// The workstation's files: a flat map of absolute paths to text, enough for `cat`, redirections
// and `kubectl apply -f`. Relative paths resolve against the home directory.

import { MAX_FILE_BYTES } from '../core/limits';

export const HOME = '/home/learner';

/**
 * Files under a prefix that a kernel serves rather than stores (a node's /proc/sys): read and
 * written at the moment of access, never kept in the map or a snapshot.
 */
export interface SpecialFiles {
  prefix: string;
  read(path: string): string | undefined;
  write(path: string, text: string): { ok: true } | { ok: false; reason: string };
  list(): string[];
}

export class VirtualFs {
  constructor(
    private readonly files: Record<string, string> = {},
    private readonly special?: SpecialFiles,
  ) {}

  resolve(path: string): string {
    const absolute = path.startsWith('/') ? path : `${HOME}/${path}`;
    const out: string[] = [];
    for (const part of absolute.split('/')) {
      if (!part || part === '.') continue;
      if (part === '..') out.pop();
      else out.push(part);
    }
    return `/${out.join('/')}`;
  }

  read(path: string): string | undefined {
    const p = this.resolve(path);
    if (this.special && p.startsWith(this.special.prefix)) return this.special.read(p);
    return Object.hasOwn(this.files, p) ? this.files[p] : undefined;
  }

  /** False when the path names a directory (some file lives below it) or the text is too large. */
  write(path: string, text: string, append = false): { ok: true } | { ok: false; reason: string } {
    const p = this.resolve(path);
    if (this.special && p.startsWith(this.special.prefix)) return this.special.write(p, text);
    if (this.isDirectory(p)) return { ok: false, reason: 'Is a directory' };
    const next = append && Object.hasOwn(this.files, p) ? this.files[p] + text : text;
    if (next.length > MAX_FILE_BYTES) return { ok: false, reason: 'File too large' };
    this.files[p] = next;
    return { ok: true };
  }

  isDirectory(path: string): boolean {
    const p = this.resolve(path);
    if (p === '/' || p === HOME) return true;
    const prefix = `${p}/`;
    return this.paths().some((f) => f.startsWith(prefix));
  }

  private paths(): string[] {
    return this.special ? [...Object.keys(this.files), ...this.special.list()] : Object.keys(this.files);
  }

  /** The names directly inside a directory, sorted; sub-directories end in `/`. */
  list(dir: string): string[] {
    const p = this.resolve(dir);
    const prefix = p === '/' ? '/' : `${p}/`;
    const names = new Set<string>();
    for (const file of this.paths()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : `${rest.slice(0, slash)}/`);
    }
    if (p === '/') names.add('home/');
    if (p === '/home') names.add('learner/');
    return [...names].sort();
  }

  toJSON(): Record<string, string> {
    return this.files;
  }
}
