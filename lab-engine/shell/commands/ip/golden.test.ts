// Golden outputs of `ip` and `bridge` in node and pod netns of a settled cluster (seed 1: pod
// `web` on node-2, `client` on node-1), under the CNI (and its `ipipMode:`/`flannelBackend:`) the
// fixture names. Each fixture's header cites where the format comes from. `bridge link set`
// fixtures change only the fixture's own copy of the dataplane.
// Regenerate deliberately with `UPDATE_GOLDEN=1 npx vitest run lab-engine/shell/commands/ip`,
// then review the diff against the cited captures; never regenerate silently.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridge } from '../bridge/bridge';
import { busyboxIp, ip } from './ip';
import { fixedSession, runIn, settledCluster } from './ip-test-kit';
import type { TopologyOptions } from '../../../core/topology';

const DIR = join(import.meta.dirname, 'testdata');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function optionalField(header: string[], key: string): string | undefined {
  return header.find((l) => l.startsWith(`${key}: `))?.slice(key.length + 2);
}

function field(header: string[], key: string): string {
  const value = optionalField(header, key);
  if (value === undefined) throw new Error(`fixture needs "${key}:"`);
  return value;
}

describe('ip/bridge golden outputs', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort()) {
    it(file, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      const outAt = lines.indexOf('--- stdout');
      const errAt = lines.indexOf('--- stderr');
      const header = lines.slice(0, outAt).filter((l) => !l.startsWith('exit: '));
      const cni = field(header, 'cni') as TopologyOptions['cni'];
      // Optional: the CNI's routing setting, when a fixture is about a non-default one.
      const routing = { ipipMode: optionalField(header, 'ipipMode') as TopologyOptions['ipipMode'], flannelBackend: optionalField(header, 'flannelBackend') as TopologyOptions['flannelBackend'] };
      const where = field(header, 'netns');
      const command = field(header, 'command').split(' ');
      const { dataplane } = await settledCluster(cni, 1, routing);
      const ns = where.startsWith('node/') ? dataplane.nodes[where.slice(5)] : dataplane.pods[where.slice(4)];
      expect(ns, `netns ${where}`).toBeDefined();
      const style = header.some((l) => l === 'style: busybox');
      const cmd = command[0] === 'bridge' ? bridge : style ? busyboxIp : ip;
      const r = await runIn(cmd, command.slice(1), fixedSession(dataplane, ns, cni));
      const block = (s: string) => (s ? s.replace(/\n$/, '').split('\n') : []);
      if (UPDATE) {
        writeFileSync(join(DIR, file), [...header, `exit: ${r.exitCode}`, '--- stdout', ...block(r.stdout), '--- stderr', ...block(r.stderr), ''].join('\n'));
        return;
      }
      const body = (from: number, to: number) => {
        const b = lines.slice(from + 1, to);
        return b.length ? `${b.join('\n')}\n` : '';
      };
      expect(r.stdout).toBe(body(outAt, errAt));
      expect(r.stderr).toBe(body(errAt, lines.length));
      expect(r.exitCode).toBe(Number(field(lines.slice(0, outAt), 'exit')));
    });
  }
});
