// The bridge ports' flags: which CNI config file the runtime reads, what hairpinMode flannel's
// delegate and kubenet's bridge entry give the port, and the per-sandbox store (a sandbox keeps
// the flag of its CNI ADD; `bridge link set` changes it and moves the revision).

import { describe, expect, it } from 'vitest';
import { activeCniConfig, BridgePorts } from './bridge-ports';
import { cniPlugin } from './index';
import { FLANNEL_CONFLIST } from './flannel/config-files';

const flannel = cniPlugin('flannel');
const kubenet = cniPlugin('kubenet');

describe('activeCniConfig', () => {
  it('reads the first .conf/.conflist/.json file in /etc/cni/net.d by name, as libcni does', () => {
    const files = {
      '/etc/cni/net.d/20-other.conflist': '{"name":"other","plugins":[]}',
      '/etc/cni/net.d/10-flannel.conflist': FLANNEL_CONFLIST,
      '/etc/cni/net.d/05-notes.txt': 'not a config',
      '/etc/cni/net.d/sub/00-deeper.conf': '{"name":"deeper"}',
    };
    expect(activeCniConfig(files)?.name).toBe('cbr0');
  });

  it('has no config when the directory is empty or the first file is not JSON', () => {
    expect(activeCniConfig({ '/etc/hostname': 'node-1\n' })).toBeUndefined();
    expect(activeCniConfig({ '/etc/cni/net.d/10-flannel.conflist': '{ "name": ' })).toBeUndefined();
  });
});

describe('hairpinMode from the node config', () => {
  it('is on for the shipped flannel conflist, off once its delegate says false or leaves it out', () => {
    expect(flannel.bridgeHairpin?.(activeCniConfig({ '/etc/cni/net.d/10-flannel.conflist': FLANNEL_CONFLIST })!)).toBe(true);
    const hardened = FLANNEL_CONFLIST.replace('"hairpinMode": true', '"hairpinMode": false');
    expect(flannel.bridgeHairpin?.(activeCniConfig({ '/etc/cni/net.d/10-flannel.conflist': hardened })!)).toBe(false);
    const removed = FLANNEL_CONFLIST.replace('"hairpinMode": true,\n', '');
    expect(flannel.bridgeHairpin?.(activeCniConfig({ '/etc/cni/net.d/10-flannel.conflist': removed })!)).toBe(false);
  });

  it('only takes the JSON true (a string "true" does not decode into the plugin\'s bool)', () => {
    const quoted = FLANNEL_CONFLIST.replace('"hairpinMode": true', '"hairpinMode": "true"');
    expect(flannel.bridgeHairpin?.(activeCniConfig({ '/etc/cni/net.d/10-flannel.conflist': quoted })!)).toBe(false);
  });

  it('is off for kubenet, whose kubelet relies on the promiscuous bridge instead', () => {
    const files = kubenet.configFiles({ name: 'node-1', podCIDR: '10.244.1.0/24' }, {});
    expect(kubenet.bridgeHairpin?.(activeCniConfig(files)!)).toBe(false);
  });

  it('is not asked of a CNI without a bridge', () => {
    expect(cniPlugin('calico').bridgeHairpin).toBeUndefined();
  });
});

describe('BridgePorts', () => {
  it('keeps the flags of a sandbox\'s CNI ADD, however the config changes later', () => {
    const ports = new BridgePorts();
    expect(ports.created('shop/a/t0/10.244.1.2', { hairpin: false })).toEqual({ hairpin: false });
    expect(ports.created('shop/a/t0/10.244.1.2', { hairpin: true })).toEqual({ hairpin: false });
  });

  it('changes a live port with set, moving the revision; an unknown sandbox stays unknown', () => {
    const ports = new BridgePorts();
    ports.created('s1', { hairpin: false });
    const before = ports.revision();
    ports.set('s1', { hairpin: true });
    ports.set('nobody', { hairpin: true });
    expect(ports.flags('s1')).toEqual({ hairpin: true });
    expect(ports.flags('nobody')).toBeUndefined();
    expect(ports.revision()).toBe(before + 1);
  });

  it('round-trips through its JSON', () => {
    const ports = new BridgePorts();
    ports.created('s1', { hairpin: false });
    const copy = new BridgePorts();
    copy.restore(JSON.parse(JSON.stringify(ports.toJSON())));
    expect(copy.flags('s1')).toEqual({ hairpin: false });
  });
});
