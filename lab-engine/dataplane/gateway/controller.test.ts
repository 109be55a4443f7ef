// The gateway's data plane end to end: curl from the workstation to the Gateway's address reaches
// NGINX Gateway Fabric's pod through its LoadBalancer Service, is matched to an HTTPRoute rule
// (path and header matches, the older route winning a tie), a backendRef is drawn by weight, and
// the request is proxied to a pod of that Service; a backendRef that does not resolve answers 500.

import { describe, expect, it } from 'vitest';
import { GATEWAY, GRANT, gatewayCluster, route } from '../../cluster/gateway-api/gateway-api-test-kit';
import { drawBackend } from './controller';

const SPLIT = '    - name: checkout-v1\n      namespace: shop\n      port: 80\n      weight: 90\n    - name: checkout-v2\n      namespace: shop\n      port: 80\n      weight: 10';

describe('the gateway data plane', () => {
  it('answers 500 while the cross-namespace backendRef is not permitted, then proxies to the Service', async () => {
    const { apply, curl } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('route', route());
    const refused = await curl('shop.example.com', '/', '-si');
    expect(refused.stdout).toContain('HTTP/1.1 500 Internal Server Error');
    await apply('grant', GRANT('shop'));
    expect((await curl('shop.example.com')).stdout).toBe('v1\n');
    expect((await curl('other.example.com', '/', '-s -o /dev/null -w "%{http_code}"')).stdout).toBe('404');
  });

  it('matches paths on whole segments and headers, the more specific match first', async () => {
    const { apply, curl } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('grant', GRANT('shop'));
    await apply('v2', route({ name: 'beta', matches: '    - path:\n        type: PathPrefix\n        value: /\n      headers:\n      - name: x-canary\n        value: "yes"', backends: '    - name: checkout-v2\n      namespace: shop\n      port: 80' }));
    await apply('api', route({ name: 'api', matches: '    - path:\n        type: PathPrefix\n        value: /api', backends: '    - name: checkout-v2\n      namespace: shop\n      port: 80' }));
    await apply('route', route());
    expect((await curl('shop.example.com', '/')).stdout).toBe('v1\n');
    expect((await curl('shop.example.com', '/api/cart')).stdout).toBe('v2\n');
    expect((await curl('shop.example.com', '/apis')).stdout).toBe('v1\n');
    expect((await curl('shop.example.com', '/', "-s -H 'x-canary: yes'")).stdout).toBe('v2\n');
  });

  it('splits by weight, and a second route for the same host and path gets nothing', async () => {
    const { sim, apply } = await gatewayCluster();
    await apply('gw', GATEWAY);
    await apply('grant', GRANT('shop'));
    await apply('route', route({ backends: SPLIT }));
    const count = async (n: number) => {
      const seen: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const body = (await sim.exec(`curl -s -H 'Host: shop.example.com' http://172.18.255.200/`)).stdout.trim();
        seen[body] = (seen[body] ?? 0) + 1;
      }
      return seen;
    };
    const split = await count(100);
    expect(split.v1).toBeGreaterThan(80);
    expect(split.v2).toBeGreaterThan(3);
    await apply('route', route({ backends: '    - name: checkout-v1\n      namespace: shop\n      port: 80' }));
    sim.advanceTo(sim.now() + 2_000);
    await apply('canary', route({ name: 'canary', backends: '    - name: checkout-v2\n      namespace: shop\n      port: 80' }));
    expect(await count(20)).toEqual({ v1: 20 });
  });

  it('draws a backendRef in proportion to its weight, never one of weight 0', () => {
    const rule = { matches: [], backendRefs: [{ group: '', kind: 'Service', name: 'a', port: 80, weight: 90 }, { group: '', kind: 'Service', name: 'z', port: 80, weight: 0 }, { group: '', kind: 'Service', name: 'b', port: 80, weight: 10 }] };
    expect(drawBackend({ rule }, 0)?.name).toBe('a');
    expect(drawBackend({ rule }, 0.899)?.name).toBe('a');
    expect(drawBackend({ rule }, 0.9)?.name).toBe('b');
    expect(drawBackend({ rule: { matches: [], backendRefs: [{ ...rule.backendRefs[1] }] } }, 0.5)).toBeUndefined();
  });
});
