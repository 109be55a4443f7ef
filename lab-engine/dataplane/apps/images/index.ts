// The table of image profiles: the one place that lists the images Flatnet knows. Each row is a
// file beside this one, named as its key (image-profile.ts says what a profile holds). The
// simulated registry's catalogue (registered by the composition root), the sockets a container
// opens, its HTTP answers and logs, and what `kubectl exec` finds in it all follow from here. An
// image with no row still pulls and runs, generically. A new image is a file and a row.

import { parseImageRef, type ImageInfo, type ImageRef } from '../../../cluster/images';
import type { ImageFilesystem } from '../filesystems';
import type { DefaultCommand, ImageProfile, TagBehaviour } from '../image-profile';
import { agnhost } from './agnhost';
import { busybox } from './busybox';
import { checkout } from './checkout';
import { coredns } from './coredns';
import { curl } from './curl';
import { etcd } from './etcd';
import { helloApp } from './hello-app';
import { httpEcho } from './http-echo';
import { httpbin } from './httpbin';
import { ingressNginxController } from './ingress-nginx-controller';
import { kubeApiserver } from './kube-apiserver';
import { kubeControllerManager } from './kube-controller-manager';
import { kubeProxy } from './kube-proxy';
import { kubeScheduler } from './kube-scheduler';
import { netshoot } from './netshoot';
import { nginx } from './nginx';
import { nodeCache } from './node-cache';
import { nginxGatewayFabric } from './nginx-gateway-fabric';
import { pause } from './pause';
import { shopWeb } from './shop-web';
import { traefik } from './traefik';
import { whoami } from './whoami';

export const IMAGE_PROFILES = {
  nginx,
  busybox,
  curl,
  netshoot,
  'http-echo': httpEcho,
  agnhost,
  whoami,
  'hello-app': helloApp,
  traefik,
  'ingress-nginx-controller': ingressNginxController,
  pause,
  coredns,
  'kube-proxy': kubeProxy,
  'kube-apiserver': kubeApiserver,
  'kube-controller-manager': kubeControllerManager,
  'kube-scheduler': kubeScheduler,
  etcd,
  checkout,
  'shop-web': shopWeb,
  'node-cache': nodeCache,
  'nginx-gateway-fabric': nginxGatewayFabric,
  httpbin,
} as const satisfies Readonly<Record<string, ImageProfile>>;

const PROFILES: readonly ImageProfile[] = Object.values(IMAGE_PROFILES);

const BY_REPOSITORY: ReadonlyMap<string, ImageProfile> = new Map(PROFILES.flatMap((profile) => profile.repositories.map((repository) => [repository, profile] as const)));

/** The exit code of a default command that exits at once; undefined for a server. */
function defaultExitCode(command: DefaultCommand): number | undefined {
  switch (command.kind) {
    case 'serves':
      return undefined;
    case 'shell':
      return 0;
    case 'exits':
      return command.code;
    default: {
      const never: never = command;
      return never;
    }
  }
}

/** Every profile's registry entries, one per repository, as the cluster's registry (cluster/images.ts) takes them. */
export const IMAGE_REGISTRY_ENTRIES: readonly ImageInfo[] = PROFILES.flatMap((profile) => {
  const exit = defaultExitCode(profile.defaultCommand);
  return profile.repositories.map((repository) => ({ repository, ...profile.registry, ...(exit === undefined ? {} : { defaultExitCode: exit }) }));
});

/** The profile of an image reference (`nginx:1.27`) or of a parsed one; undefined for an image Flatnet does not know. */
export function imageProfile(image: string | ImageRef): ImageProfile | undefined {
  const ref = typeof image === 'string' ? parseImageRef(image) : image;
  return ref && BY_REPOSITORY.get(ref.repository);
}

/** What a shell in a container of this image finds, for its tag; undefined for scratch, distroless and unknown images. */
export function imageFilesystem(ref: ImageRef): ImageFilesystem | undefined {
  const profile = BY_REPOSITORY.get(ref.repository);
  return profile?.tagVariants?.find((v) => ref.tag.includes(v.tagContains))?.filesystem ?? profile?.filesystem;
}

/** What this tag of the image does where its releases differ (image-profile.ts `versioned`); empty for the newest behaviour. */
export function tagBehaviour(image: string): TagBehaviour {
  const ref = parseImageRef(image);
  const rows = ref ? BY_REPOSITORY.get(ref.repository)?.versioned : undefined;
  if (!ref || !rows) return {};
  const tag = versionOf(ref.tag);
  if (!tag) return {};
  return rows.find((row) => compareVersions(tag, versionOf(row.before) ?? []) < 0)?.behaviour ?? {};
}

/** `1.28.4` → [1, 28, 4]; a tag that is not a version (`latest`, `stable`, `musl`) → undefined. */
function versionOf(tag: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)(?:$|[-_])/.exec(tag);
  return m ? m[1].split('.').map(Number) : undefined;
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type { ImageProfile, TagBehaviour } from '../image-profile';
