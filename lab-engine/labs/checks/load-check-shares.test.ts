// A load check's `shares`: the traffic a gateway splits by weight, graded per group of backend
// pods (a canary's label), over a window of requests through the Gateway's address.

import { describe, expect, it } from 'vitest';
import { GATEWAY, GRANT, gatewayCluster, route } from '../../cluster/gateway-api/gateway-api-test-kit';
import { renderFeedback } from '../feedback';
import { LoadCheckSchema } from '../schema';
import { gradeLoadCheck } from './load-check';

const check = LoadCheckSchema.parse({
  id: 'split',
  title: 'the canary gets about 10%',
  kind: 'load',
  to: { loadBalancer: 'nginx-gateway', namespace: 'nginx-gateway' },
  host: 'shop.example.com',
  rate: 10,
  seconds: 20,
  expect: { maxFailed: 0, shares: [{ namespace: 'shop', selector: { app: 'checkout-v2' }, min: 4, max: 18 }] },
});

const split = (v1: number, v2: number) => `    - name: checkout-v1\n      namespace: shop\n      port: 80\n      weight: ${v1}\n    - name: checkout-v2\n      namespace: shop\n      port: 80\n      weight: ${v2}`;

describe('load check shares', () => {
  it('passes a 90/10 split and fails 50/50, naming the share it saw', async () => {
    const { sim, apply } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('grant', GRANT('shop'));
    await apply('route', route({ backends: split(90, 10) }));
    const good = await gradeLoadCheck(check, sim);
    expect(good.passed, good.reason).toBe(true);
    await apply('route', route({ backends: split(50, 50) }));
    const even = await gradeLoadCheck(check, sim);
    expect(even.passed).toBe(false);
    expect(even.feedbackId).toBe('load.share_out_of_range');
    expect(renderFeedback(even)).toMatch(/the pods app=checkout-v2 in shop answered (4\d|5\d)(\.\d)?% of the 200 answered requests; expected between 4% and 18%/);
  });

  it('rejects a share range that is upside down', () => {
    const parsed = LoadCheckSchema.safeParse({ ...check, expect: { shares: [{ selector: { app: 'x' }, min: 20, max: 10 }] } });
    expect(parsed.success).toBe(false);
  });
});
