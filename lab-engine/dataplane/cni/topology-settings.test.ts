import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../simulation/simulation';
import { assertTopology, misplacedSettings, TopologyError } from './topology-settings';

describe('topology rules', () => {
  it('finds CNI settings given to another CNI', () => {
    expect(misplacedSettings({ cni: 'calico', ipipMode: 'Never' })).toEqual([]);
    expect(misplacedSettings({ cni: 'flannel', flannelBackend: 'host-gw' })).toEqual([]);
    expect(misplacedSettings({ cni: 'kubenet', ipipMode: 'Always', flannelBackend: 'vxlan' }).map((s) => s.field)).toEqual(['ipipMode', 'flannelBackend']);
  });

  it('stops createSimulation before it builds anything from a contradiction', () => {
    expect(() => assertTopology({ cni: 'calico', proxyMode: 'iptables', ipipMode: 'Never' })).not.toThrow();
    expect(() => createSimulation({ seed: 1, topology: { cni: 'flannel', ipipMode: 'Never' } })).toThrow(TopologyError);
    expect(() => createSimulation({ seed: 1, topology: { cni: 'flannel', ipipMode: 'Never' } })).toThrow("topology: ipipMode is Calico's IPPool setting; it only goes with cni calico (this topology uses flannel)");
  });
});
