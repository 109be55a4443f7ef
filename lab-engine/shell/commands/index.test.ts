// The command table: every row loads the command it names (a loader picking the wrong export
// would run another command under this name), and the registry built from it keeps the
// workstation's order, and the toolsets name only programs the table has or says are not simulated.

import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE, workstationCommandNames } from './index';
import { CONTEXT_VARIANTS, IMPLEMENTED_COMMANDS, WORKSTATION_COMMANDS } from '../command-registry';
import { NODE_TOOLSET, NOT_SIMULATED, toolsetForImage } from '../contexts/toolsets';

describe('the command table', () => {
  it('has one row per name, and each row loads the command of that name', async () => {
    const names = COMMAND_TABLE.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    for (const row of COMMAND_TABLE) {
      expect((await row.load()).name, row.name).toBe(row.name);
      if ('busybox' in row) expect((await row.busybox()).name).toBe(row.name);
    }
  }, 60_000);

  it('gives the registry its lookups: the workstation in table order, every row implemented, the context variants', () => {
    expect([...WORKSTATION_COMMANDS.keys()]).toEqual(workstationCommandNames());
    expect([...IMPLEMENTED_COMMANDS.keys()]).toEqual(COMMAND_TABLE.map((row) => row.name));
    expect(WORKSTATION_COMMANDS.has('kubectl') && !WORKSTATION_COMMANDS.has('iptables')).toBe(true);
    expect(CONTEXT_VARIANTS.ip).toBe(IMPLEMENTED_COMMANDS.get('ip'));
    expect(CONTEXT_VARIANTS.contextCommands.map((c) => c.name)).toEqual(['exit', 'logout']);
  });

  it('names every program a node or an image ships, or says it is not simulated', () => {
    const images = ['busybox', 'nginx', 'nginx:alpine', 'curlimages/curl', 'nicolaka/netshoot', 'registry.k8s.io/e2e-test-images/agnhost:2.39', 'registry.k8s.io/ingress-nginx/controller:v1.11.0', 'calico/node:v3.27.0'];
    const programs = new Set([...NODE_TOOLSET.programs, ...images.flatMap((image) => toolsetForImage(image).programs)]);
    expect(programs.size).toBeGreaterThan(50);
    const known = new Set<string>(COMMAND_TABLE.map((row) => row.name));
    expect([...programs].filter((name) => !known.has(name) && !NOT_SIMULATED.has(name))).toEqual([]);
    expect([...NOT_SIMULATED].filter((name) => known.has(name))).toEqual([]);
  });
});
