// Cross-field rules of a lab.yaml, here the one about hints: a step's hints help before they tell,
// so only its last may quote a command of the solution.
import { describe, expect, it } from 'vitest';
import { LabSchema } from './schema';
import { crossCheck, solutionCommands } from './lab-consistency';

const lab = (hints: string[], solution: string) =>
  LabSchema.parse({
    id: 'demo',
    title: 'Demo',
    module: 'services',
    steps: [{ id: 'fix', title: 'Fix', text: 'steps/01.mdx', hints, checks: [{ id: 'c', title: 'C', kind: 'resource', resource: 'services', name: 'web', jsonPath: '{.spec.type}', equals: 'NodePort' }] }],
    solution,
  });

const SOLUTION = `kubectl -n shop patch service web -p '{"spec":{"type":"NodePort"}}'
kubectl apply -f - <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: settings-for-the-shop}
EOF`;

describe('hints before the last', () => {
  it('reads the solution as commands, leaving out here-document bodies and short lines', () => {
    expect(solutionCommands(SOLUTION)).toEqual([`kubectl -n shop patch service web -p '{"spec":{"type":"NodePort"}}'`, "kubectl apply -f - <<'EOF'"]);
  });

  it('may not quote a solution command; the last hint may', () => {
    const leaking = crossCheck(lab([`Try \`kubectl -n shop patch service web -p '{"spec":{"type":"NodePort"}}'\``, 'Last.'], SOLUTION), 'demo');
    expect(leaking).toEqual([{ path: ['steps', 0, 'hints', 0], message: expect.stringContaining(`gives the solution's command "kubectl -n shop patch service web`) }]);
    expect(crossCheck(lab(['Which type answers on every node?', `Run \`kubectl -n shop patch service web -p '{"spec":{"type":"NodePort"}}'\`.`], SOLUTION), 'demo')).toEqual([]);
    // A manifest line from the here-document is not the answer by itself.
    expect(crossCheck(lab(['metadata: {name: settings-for-the-shop} is one object; what else?', 'Last.'], SOLUTION), 'demo')).toEqual([]);
  });
});
