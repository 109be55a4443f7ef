// curlimages/curl: Alpine with the curl the image builds (its version is the tag), running as
// curl_user in its home. Its entrypoint is curl, which without a URL exits 2.

import { ALPINE_CURL_TOOLSET } from '../filesystems';
import type { ImageProfile } from '../image-profile';

export const curl: ImageProfile = {
  repositories: ['docker.io/curlimages/curl'],
  registry: { tags: ['latest', '8.11.1', '8.12.1', '8.13.0', '8.14.1', '8.15.0', '8.16.0', '8.17.0'], pullMs: 2_500, stopMs: 30_000, sizeBytes: 11_231_934 },
  defaultCommand: { kind: 'exits', code: 2 },
  process: { entrypoint: 'curl' },
  filesystem: {
    userland: 'alpine',
    toolset: { ...ALPINE_CURL_TOOLSET, user: 'curl_user', workdir: '/home/curl_user' },
    // `addgroup -S curl_group && adduser -S curl_user -G curl_group` (uid 100, gid 101).
    account: { name: 'curl_user', uid: 100, gid: 101, group: 'curl_group', extra: [] },
  },
  builds: { curl: { latest: '8.17.0' } },
};
