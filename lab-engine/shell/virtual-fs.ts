// The workstation's files: a flat map of absolute paths to text, enough for `cat`, redirections
// and `kubectl apply -f`. Relative paths resolve against the home directory. A location may add
// kernel files (a node's /sys attributes and /proc/sys) that are read from and written to the
// model, never stored.

import { MAX_FILE_BYTES } from '../core/limits';

export const HOME = '/home/learner';

/** Files the kernel answers for (sysfs attributes): each read asks the model, each write changes it. */
export interface KernelFiles {
  /** Every path it answers for, as of now. */
  paths(): string[];
  read(path: string): string | undefined;
  /** Undefined: not one of its files. A refused value is the errno text (`Invalid argument`). */
  write(path: string, text: string): { ok: true } | { ok: false; reason: string } | undefined;
}

/** Several kernel file trees as one (a node's /sys and /proc/sys): the first that answers for a path wins. */
export function combineKernelFiles(...parts: KernelFiles[]): KernelFiles {
  return {
    paths: () => parts.flatMap((p) => p.paths()),
    read: (path) => parts.reduce<string | undefined>((found, p) => found ?? p.read(path), undefined),
    write: (path, text) => parts.reduce<ReturnType<KernelFiles['write']>>((done, p) => done ?? p.write(path, text), undefined),
  };
}

export class VirtualFs {
  constructor(
    private readonly files: Record<string, string> = {},
    private readonly kernel?: KernelFiles,
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
    const fromKernel = this.kernel?.read(p);
    if (fromKernel !== undefined) return fromKernel;
    return Object.hasOwn(this.files, p) ? this.files[p] : undefined;
  }

  /** False when the path names a directory (some file lives below it) or the text is too large. */
  write(path: string, text: string, append = false): { ok: true } | { ok: false; reason: string } {
    const p = this.resolve(path);
    const toKernel = this.kernel?.write(p, text);
    if (toKernel) return toKernel;
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
    return this.allPaths().some((f) => f.startsWith(prefix));
  }

  /** The names directly inside a directory, sorted; sub-directories end in `/`. */
  list(dir: string): string[] {
    const p = this.resolve(dir);
    const prefix = p === '/' ? '/' : `${p}/`;
    const names = new Set<string>();
    for (const file of this.allPaths()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : `${rest.slice(0, slash)}/`);
    }
    if (p === '/') names.add('home/');
    if (p === '/home') names.add('learner/');
    return [...names].sort();
  }

  private allPaths(): string[] {
    return this.kernel ? [...Object.keys(this.files), ...this.kernel.paths()] : Object.keys(this.files);
  }

  /** The stored files only: kernel files are the model's, and a snapshot keeps the model. */
  toJSON(): Record<string, string> {
    return this.files;
  }
}
