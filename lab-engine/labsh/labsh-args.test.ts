import { describe, expect, it } from 'vitest';
import { LABSH_USAGE, LabshUsageError, parseLabshArgs } from './labsh-args';

function usageError(argv: string[]): string {
  try {
    parseLabshArgs(argv);
  } catch (error) {
    if (error instanceof LabshUsageError) return error.message;
    throw error;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('labsh flags for the pod network', () => {
  it('takes each CNI and its own routing setting', () => {
    expect(parseLabshArgs(['--cni', 'kubenet'])).toMatchObject({ cni: 'kubenet' });
    expect(parseLabshArgs(['--cni', 'calico', '--calico-ipip', 'Never'])).toMatchObject({ cni: 'calico', ipipMode: 'Never' });
    expect(parseLabshArgs(['--cni', 'flannel', '--flannel-backend', 'host-gw'])).toMatchObject({ cni: 'flannel', flannelBackend: 'host-gw' });
    // Without --cni the cluster runs calico, so its setting stands on its own.
    expect(parseLabshArgs(['--calico-ipip', 'Always'])).toMatchObject({ ipipMode: 'Always' });
    const plain = parseLabshArgs([]);
    expect(plain).not.toHaveProperty('ipipMode');
    expect(plain).not.toHaveProperty('flannelBackend');
  });

  it('refuses a setting given to the wrong CNI, or values the CNI does not know', () => {
    expect(usageError(['--cni', 'flannel', '--calico-ipip', 'Never'])).toBe('labsh: --calico-ipip only goes with --cni calico, not --cni flannel');
    expect(usageError(['--cni', 'kubenet', '--flannel-backend', 'vxlan'])).toBe('labsh: --flannel-backend only goes with --cni flannel, not --cni kubenet');
    expect(usageError(['--flannel-backend', 'host-gw'])).toBe('labsh: --flannel-backend only goes with --cni flannel');
    expect(usageError(['--cni', 'cilium'])).toBe('labsh: unknown CNI "cilium" (expected calico, flannel or kubenet)');
    expect(usageError(['--calico-ipip', 'never'])).toBe('labsh: unknown IP-in-IP mode "never" (expected Always or Never)');
    expect(usageError(['--cni', 'flannel', '--flannel-backend', 'udp'])).toBe('labsh: unknown flannel backend "udp" (expected vxlan or host-gw)');
  });

  it('leaves --flannel-backend with --lab to the lab\'s CNI, checked once the lab is loaded', () => {
    expect(parseLabshArgs(['--lab', 'some-flannel-lab', '--flannel-backend', 'host-gw'])).toMatchObject({ lab: 'some-flannel-lab', flannelBackend: 'host-gw' });
  });

  it('documents them in --help', () => {
    expect(LABSH_USAGE).toContain('--cni calico|flannel|kubenet');
    expect(LABSH_USAGE).toContain('--calico-ipip Always|Never');
    expect(LABSH_USAGE).toContain('--flannel-backend vxlan|host-gw');
  });
});

describe('labsh --proxy-mode', () => {
  it('takes the three modes kube-proxy v1.34 has on Linux, nftables included', () => {
    expect(parseLabshArgs(['--proxy-mode', 'nftables'])).toMatchObject({ proxyMode: 'nftables' });
    expect(usageError(['--proxy-mode', 'userspace'])).toBe('labsh: unknown proxy mode "userspace" (expected iptables, ipvs or nftables)');
    expect(LABSH_USAGE).toContain('--proxy-mode iptables|ipvs|nftables');
  });
});
