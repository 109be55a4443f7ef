import { describe, expect, it } from 'vitest';
import { addRegistryImages, parseImageRef, pullImage } from './images';
import { REGISTRY_IMAGES } from '../simulation/cluster-bootstrap';

// The registry's catalogue, as the composition root fills it.
addRegistryImages(REGISTRY_IMAGES);

describe('parseImageRef', () => {
  it('normalizes Docker Hub names as containerd does', () => {
    expect(parseImageRef('nginx')?.full).toBe('docker.io/library/nginx:latest');
    expect(parseImageRef('nginx:1.27')?.full).toBe('docker.io/library/nginx:1.27');
    expect(parseImageRef('curlimages/curl')?.full).toBe('docker.io/curlimages/curl:latest');
    expect(parseImageRef('registry.k8s.io/e2e-test-images/agnhost:2.53')?.full).toBe('registry.k8s.io/e2e-test-images/agnhost:2.53');
    expect(parseImageRef('localhost:5000/app:v1')?.repository).toBe('localhost:5000/app');
  });

  it('rejects invalid references', () => {
    for (const bad of ['NGINX', 'nginx:', ':tag', 'a//b', 'nginx:tag:x', '']) expect(parseImageRef(bad), bad).toBeUndefined();
  });
});

describe('pullImage', () => {
  it('knows the registry tags and fails the rest with containerd wording', () => {
    expect(pullImage(parseImageRef('nginx:1.27')!).ok).toBe(true);
    const missingTag = pullImage(parseImageRef('nginx:does-not-exist')!);
    expect(missingTag).toMatchObject({ ok: false });
    expect(!missingTag.ok && missingTag.message).toMatch(/docker.io\/library\/nginx:does-not-exist: not found$/);
    const missingRepo = pullImage(parseImageRef('ngnix')!);
    expect(!missingRepo.ok && missingRepo.message).toMatch(/pull access denied, repository does not exist/);
    expect(pullImage(parseImageRef('registry.k8s.io/e2e-test-images/agnhost')!).ok).toBe(false);
  });

  it('an image Flatnet does not know pulls and runs generically, unless it is a near miss of a known one', () => {
    for (const name of ['httpd:2.4', 'redis', 'ghcr.io/acme/shop:1.2.3', 'gcr.io/my-project/api']) {
      const outcome = pullImage(parseImageRef(name)!);
      expect(outcome.ok, name).toBe(true);
      expect(outcome.ok && outcome.image.defaultExitCode).toBeUndefined();
    }
    for (const typo of ['ngnix', 'busybx', 'nginxx', 'docker.io/nicolaka/netshot']) {
      const outcome = pullImage(parseImageRef(typo)!);
      expect(!outcome.ok && outcome.message, typo).toMatch(/pull access denied, repository does not exist/);
    }
  });
});
