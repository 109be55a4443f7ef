// The simulated container registry: which images exist, with which tags, how long a pull takes and
// how the image behaves when run without a command. A tag missing from an image's entry fails to
// pull, as it would against the real registry, which is how `nginx:does-not-exist` ends in
// ImagePullBackOff. No image is named here: the entries come from the layers above, which know
// the images (each image's profile in dataplane/apps/images/, each CNI plugin's in
// dataplane/cni/<plugin>/), and the composition root adds them with addRegistryImages.

import { editDistance } from '../core/edit-distance';

export interface ImageInfo {
  /** Fully qualified repository, e.g. `docker.io/library/nginx`. */
  repository: string;
  tags: readonly string[];
  /** Simulated time a cold pull takes on one node. */
  pullMs: number;
  /** Time from SIGTERM to exit: nginx quits at once; a shell running `sleep` ignores it and waits for SIGKILL. */
  stopMs: number;
  /** Exit code when run with its default command and no tty, for images whose default exits at
   * once (busybox's `sh` exits 0, curl without a URL exits 2); undefined for servers. */
  defaultExitCode?: number;
  /** What containerd reports as the image's size (the Pulled event prints it); close to the real images', not exact. */
  sizeBytes: number;
}

const shortName = (repository: string) => repository.split('/').pop() ?? repository;

/** The catalogue: every image added, by repository. */
const BY_REPOSITORY = new Map<string, ImageInfo>();
const KNOWN_SHORT_NAMES = new Set<string>();

/**
 * Adds images the registry serves, which this layer cannot name: every image profile's and every
 * CNI plugin's, added by the composition root (simulation/cluster-bootstrap.ts) before any
 * cluster is made, whatever CNI it runs, as Docker Hub serves them to anyone. The catalogue is
 * the same for every cluster, so it is kept once for the process; adding a repository again
 * replaces its entry. Until something is added, every image is unknown and pulls generically.
 */
export function addRegistryImages(images: readonly ImageInfo[]): void {
  for (const image of images) {
    BY_REPOSITORY.set(image.repository, image);
    KNOWN_SHORT_NAMES.add(shortName(image.repository));
  }
}

export interface ImageRef {
  /** What the pod spec says, unchanged. */
  original: string;
  /** Normalized name without tag: `docker.io/library/nginx`. */
  repository: string;
  tag: string;
  digest?: string;
  /** `docker.io/library/nginx:latest`: what containerd reports in the container status. */
  full: string;
}

// distribution/reference grammar, re-expressed: lower-case path components, an optional registry
// host (with a dot, a colon or `localhost`), an optional tag and digest.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** Parses an image reference as containerd would; undefined for an invalid reference format. */
export function parseImageRef(original: string): ImageRef | undefined {
  const match = REFERENCE.exec(original);
  if (!match || match[1].length > 255) return undefined;
  const name = match[1];
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  let repository: string;
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    repository = name;
  } else {
    repository = `docker.io/${slash < 0 ? `library/${name}` : name}`;
  }
  if (repository.startsWith('index.docker.io/')) repository = `docker.io/${repository.slice('index.docker.io/'.length)}`;
  const tag = match[2] ?? 'latest';
  const digest = match[3];
  const full = digest && !match[2] ? `${repository}@${digest}` : `${repository}:${tag}`;
  return { original, repository, tag, digest, full };
}

export type PullOutcome =
  | { ok: true; image: ImageInfo; imageID: string }
  | { ok: false; message: string };

/**
 * A repository Flatnet has no entry for: a near miss of a known one (`ngnix`, `busybx`) is the
 * typo it looks like and does not exist; anything else is some real image Flatnet does not
 * know, which pulls and then runs as the generic program (listens on its declared
 * containerPorts and answers with a page naming the pod: dataplane/apps).
 */
function isTypoOfKnownImage(repository: string): boolean {
  const name = shortName(repository);
  for (const known of KNOWN_SHORT_NAMES) if (known !== name && editDistance(known, name) <= (known.length > 4 ? 2 : 1)) return true;
  return false;
}

function genericImage(repository: string, tag: string): ImageInfo {
  const size = 20_000_000 + (parseInt(imageDigest(repository, tag).slice(0, 6), 16) % 80_000_000);
  return { repository, tags: [tag], pullMs: 3_000, stopMs: 300, sizeBytes: size };
}

/** What pulling `ref` from the simulated registry gives, with containerd's own error wording. */
export function pullImage(ref: ImageRef): PullOutcome {
  const known = BY_REPOSITORY.get(ref.repository);
  const image = known ?? (isTypoOfKnownImage(ref.repository) ? undefined : genericImage(ref.repository, ref.tag));
  const prefix = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}"`;
  if (!image) {
    return {
      ok: false,
      message: `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  if (ref.digest || !image.tags.includes(ref.tag)) {
    return { ok: false, message: `${prefix}: ${ref.full}: not found` };
  }
  return { ok: true, image, imageID: `${ref.repository}@sha256:${imageDigest(ref.repository, ref.tag)}` };
}

/**
 * A stable fake content digest (64 hex digits), so imageIDs look real and never change between
 * runs. Eight FNV-1a lanes rather than node:crypto, whose load costs ~2 MB RSS per session.
 */
export function imageDigest(repository: string, tag: string): string {
  const text = `${repository}:${tag}`;
  let out = '';
  for (let lane = 0; lane < 8; lane++) {
    let h = (0x811c9dc5 ^ Math.imul(lane + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
    out += ((h ^ (h >>> 13)) >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}
