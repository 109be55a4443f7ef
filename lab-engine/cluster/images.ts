// The simulated container registry: which images exist, with which tags, how long a pull takes and
// how the image behaves when run without a command. A tag missing here fails to pull, as it would
// against the real registry, which is how `nginx:does-not-exist` ends in ImagePullBackOff.

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

import { CALICO_VERSION, COREDNS_VERSION, ETCD_VERSION, KUBERNETES_VERSION } from './version';
import { editDistance } from '../core/edit-distance';

/** GoogleCloudPlatform/kubernetes-engine-samples hello-app: Go, port 8080 (or $PORT). */
export const HELLO_APP_REPOSITORIES = ['gcr.io/google-samples/hello-app', 'us-docker.pkg.dev/google-samples/containers/gke/hello-app'] as const;

const NGINX_TAGS = ['latest', 'stable', 'mainline', 'alpine', 'stable-alpine', 'mainline-alpine', 'perl', '1.25', '1.25.5', '1.26', '1.26.3', '1.27', '1.27.5', '1.27-alpine', '1.28', '1.28.0', '1.28-alpine', '1.29', '1.29.1', '1.29.3', '1.29-alpine'];
const BUSYBOX_TAGS = ['latest', 'stable', 'musl', 'glibc', 'uclibc', '1.28', '1.31', '1.34', '1.35', '1.36', '1.36.1', '1.37', '1.37.0'];

export const KNOWN_IMAGES: readonly ImageInfo[] = [
  { repository: 'docker.io/library/nginx', tags: NGINX_TAGS, pullMs: 4_000, stopMs: 500, sizeBytes: 72_195_292 },
  { repository: 'docker.io/library/busybox', tags: BUSYBOX_TAGS, pullMs: 2_000, stopMs: 30_000, defaultExitCode: 0, sizeBytes: 2_156_518 },
  { repository: 'docker.io/curlimages/curl', tags: ['latest', '8.11.1', '8.12.1', '8.13.0', '8.14.1', '8.15.0', '8.16.0', '8.17.0'], pullMs: 2_500, stopMs: 30_000, defaultExitCode: 2, sizeBytes: 11_231_934 },
  { repository: 'docker.io/nicolaka/netshoot', tags: ['latest', 'v0.12', 'v0.13', 'v0.14'], pullMs: 9_000, stopMs: 30_000, defaultExitCode: 0, sizeBytes: 205_816_745 },
  { repository: 'docker.io/hashicorp/http-echo', tags: ['latest', '1.0', '1.0.0', '0.2.3'], pullMs: 2_000, stopMs: 300, defaultExitCode: 127, sizeBytes: 3_470_622 },
  // agnhost is published by version only: the real registry has no `latest` tag for it.
  { repository: 'registry.k8s.io/e2e-test-images/agnhost', tags: ['2.39', '2.40', '2.43', '2.45', '2.47', '2.52', '2.53', '2.54', '2.55', '2.56'], pullMs: 6_000, stopMs: 300, defaultExitCode: 0, sizeBytes: 51_372_843 },
  { repository: 'docker.io/traefik/whoami', tags: ['latest', 'v1.10', 'v1.10.1', 'v1.10.2', 'v1.10.3', 'v1.10.4', 'v1.11', 'v1.11.0'], pullMs: 2_000, stopMs: 300, sizeBytes: 3_184_442 },
  // Google's sample app from the GKE tutorials, under its old and its current registry path.
  ...HELLO_APP_REPOSITORIES.map((repository) => ({ repository, tags: ['1.0', '2.0'], pullMs: 3_000, stopMs: 300, sizeBytes: 4_718_080 })),
  { repository: 'docker.io/library/traefik', tags: ['latest', 'v3', 'v3.4', 'v3.5', 'v3.5.3', 'v2.11'], pullMs: 6_000, stopMs: 300, sizeBytes: 58_402_178 },
  { repository: 'registry.k8s.io/ingress-nginx/controller', tags: ['v1.12.1', 'v1.13.0', 'v1.13.1', 'v1.13.2', 'v1.13.3', 'v1.14.0'], pullMs: 8_000, stopMs: 300, sizeBytes: 105_478_296 },
  // Control-plane images: present in the registry so `kubectl run x --image=registry.k8s.io/pause:3.10` works.
  { repository: 'registry.k8s.io/pause', tags: ['3.9', '3.10', '3.10.1'], pullMs: 800, stopMs: 100, sizeBytes: 320_368 },
  // kube-system's own images, so a replaced coredns, kube-proxy or calico pod starts again.
  { repository: 'registry.k8s.io/coredns/coredns', tags: [COREDNS_VERSION, 'v1.11.3', 'v1.12.0'], pullMs: 3_000, stopMs: 5_000, sizeBytes: 22_384_805 },
  { repository: 'registry.k8s.io/kube-proxy', tags: [KUBERNETES_VERSION], pullMs: 5_000, stopMs: 300, sizeBytes: 30_965_846 },
  { repository: 'registry.k8s.io/kube-apiserver', tags: [KUBERNETES_VERSION], pullMs: 6_000, stopMs: 300, sizeBytes: 30_097_432 },
  { repository: 'registry.k8s.io/kube-controller-manager', tags: [KUBERNETES_VERSION], pullMs: 6_000, stopMs: 300, sizeBytes: 27_419_112 },
  { repository: 'registry.k8s.io/kube-scheduler', tags: [KUBERNETES_VERSION], pullMs: 4_000, stopMs: 300, sizeBytes: 21_840_217 },
  { repository: 'registry.k8s.io/etcd', tags: [ETCD_VERSION], pullMs: 6_000, stopMs: 300, sizeBytes: 58_938_593 },
  { repository: 'docker.io/calico/node', tags: [CALICO_VERSION], pullMs: 12_000, stopMs: 2_000, sizeBytes: 156_932_081 },
  { repository: 'docker.io/calico/kube-controllers', tags: [CALICO_VERSION], pullMs: 5_000, stopMs: 300, sizeBytes: 35_328_920 },
];

const BY_REPOSITORY = new Map(KNOWN_IMAGES.map((i) => [i.repository, i]));

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

const shortName = (repository: string) => repository.split('/').pop() ?? repository;
const KNOWN_SHORT_NAMES = [...new Set(KNOWN_IMAGES.map((i) => shortName(i.repository)))];

/**
 * A repository Flatnet has no entry for: a near miss of a known one (`ngnix`, `busybx`) is the
 * typo it looks like and does not exist; anything else is some real image Flatnet does not
 * know, which pulls and then runs as the generic program (listens on its declared
 * containerPorts and answers with a page naming the pod: dataplane/apps).
 */
function isTypoOfKnownImage(repository: string): boolean {
  const name = shortName(repository);
  return KNOWN_SHORT_NAMES.some((known) => known !== name && editDistance(known, name) <= (known.length > 4 ? 2 : 1));
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
