// A lab graded by behaviour, in the browser: the NetworkPolicy lab's checks send packets through
// the simulated dataplane. Applying a policy from the terminal turns "monitoring cannot reach the
// backend" green live, and `trace` shows the hop where monitoring's packet is dropped.

import { expect, test } from '@playwright/test';
import { signUp, startLab, typeCommand, waitForTerminal } from './support/learner';

const POLICY = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata:',
  '  name: backend-allow-frontend',
  '  namespace: production',
  'spec:',
  '  podSelector:',
  '    matchLabels:',
  '      app: backend',
  '  ingress:',
  '  - from:',
  '    - podSelector:',
  '        matchLabels:',
  '          app: frontend',
  '    ports:',
  '    - port: 80',
].join('\\n');

test('NetworkPolicy lab: a policy applied in the terminal turns the reachability check green', async ({ page }) => {
  await signUp(page);
  await page.goto('/labs/netpol-frontend-to-backend');
  await startLab(page);

  // After setup the frontend already gets through and so does monitoring: one green, one not.
  await expect(page.getByTestId('check-frontend-allowed')).toHaveAttribute('data-passed', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('check-monitoring-denied')).toHaveAttribute('data-passed', 'false');

  await typeCommand(page, `printf '${POLICY}\\n' > policy.yaml && kubectl apply -f policy.yaml`);
  await waitForTerminal(page, /networkpolicy\.networking\.k8s\.io\/backend-allow-frontend created/);
  await expect(page.getByTestId('check-monitoring-denied')).toHaveAttribute('data-passed', 'true', { timeout: 10_000 });
  await expect(page.getByTestId('check-frontend-allowed')).toHaveAttribute('data-passed', 'true');

  await typeCommand(page, 'trace -n production --brief pod/monitoring svc/backend:8080');
  await waitForTerminal(page, /calico: ingress of production\/backend-[a-z0-9]+-[a-z0-9]+ denied/);
  await waitForTerminal(page, /verdict: DROPPED/);
});
