// ingress-nginx's nginx.conf: a golden of the whole file for two hosts (TLS on one, rewrite-target
// on the other), the server/location rules of controller.go and location.go, the file following
// `kubectl apply` in the controller pod, and reading it the way the course article does.
// Regenerate the golden deliberately with `UPDATE_GOLDEN=1 npx vitest run lab-engine/dataplane/ingress`,
// then review the diff against rootfs/etc/nginx/template/nginx.tmpl (controller-v1.13.3).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ingress, IngressPath } from '../../kube/types';
import { createSimulation, settle } from '../../simulation/simulation';
import { cleanConf, confChecksum, renderNginxConf } from './nginx-conf';
import { buildServers } from './nginx-servers';
import { ingressYaml } from '../../simulation/testing/ingress-yaml';

const GOLDEN = join(import.meta.dirname, 'testdata', 'nginx-conf-two-hosts.conf');
const OPTIONS = { workerProcesses: 2, resolver: '10.96.0.10' };

function ingress(name: string, created: string, spec: Ingress['spec'], annotations?: Record<string, string>): Ingress {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '1', generation: 1, creationTimestamp: created, ...(annotations ? { annotations } : {}) },
    spec: { ingressClassName: 'nginx', ...spec },
    status: { loadBalancer: {} },
  };
}

const path = (p: string, pathType: IngressPath['pathType'], service: string, port = 80): IngressPath => ({ path: p, pathType, backend: { service: { name: service, port: { number: port } } } });

const API = ingress('api', '2025-01-01T00:00:00Z', {
  tls: [{ hosts: ['api.example.com'], secretName: 'api-tls' }],
  rules: [{ host: 'api.example.com', http: { paths: [path('/v1', 'Prefix', 'api'), path('/health', 'Exact', 'api')] } }],
});
const WEB = ingress('web', '2025-01-01T00:01:00Z', { rules: [{ host: 'web.example.com', http: { paths: [path('/app(/|$)(.*)', 'ImplementationSpecific', 'web')] } }] }, { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' });

describe('nginx.conf rendering', () => {
  it('matches the golden for a TLS host and a rewrite-target host', () => {
    const conf = renderNginxConf([WEB, API], OPTIONS);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`missing ${GOLDEN}: run with UPDATE_GOLDEN=1`);
      writeFileSync(GOLDEN, conf);
    }
    expect(conf).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('builds servers and locations as the controller does', () => {
    const servers = buildServers([WEB, API]);
    expect(servers.map((s) => s.hostname)).toEqual(['_', 'api.example.com', 'web.example.com']);
    const api = servers[1].locations.map((l) => `${l.pathType} ${l.path} ${l.upstream}`);
    // Longest first; the Prefix /v1 gains `/v1/` plus an exact twin; `/` stays on the default backend.
    expect(api).toEqual(['Exact /health default-api-80', 'Prefix /v1/ default-api-80', 'Exact /v1 default-api-80', 'Prefix / upstream-default-backend']);
    const conf = renderNginxConf([WEB, API], OPTIONS);
    expect(conf).toContain('\t\tlocation = /health {\n');
    expect(conf).toContain('\t\tlocation ~* "^/app(/|$)(.*)" {\n');
    expect(conf).toContain('\t\t\trewrite "(?i)/app(/|$)(.*)" /$2 break;\n\t\t\tproxy_pass http://upstream_balancer;\n');
    expect(conf).toContain('\t\tserver_name _ ;\n');
    expect(conf).toContain('\t\tlisten 80 default_server reuseport backlog=4096 ;\n\t\tlisten 443 default_server reuseport backlog=4096 ssl;\n');
    expect(conf.startsWith('\n# Configuration checksum: ')).toBe(true);
  });

  it('keeps the first Ingress for a path, lets a later `/` take over the default location, and changes the checksum', () => {
    const later = ingress('later', '2025-01-02T00:00:00Z', { rules: [{ host: 'api.example.com', http: { paths: [path('/v1', 'Prefix', 'other'), path('/', 'Prefix', 'home')] } }] });
    const api = buildServers([later, API])[1].locations;
    expect(api.find((l) => l.path === '/v1/')?.upstream).toBe('default-api-80');
    expect(api.find((l) => l.path === '/')?.upstream).toBe('default-home-80');
    expect(confChecksum(renderNginxConf([API], OPTIONS))).not.toBe(confChecksum(renderNginxConf([API, later], OPTIONS)));
  });

  it('indents like cleanConf: tabs per depth, squeezed empty lines keep their indentation', () => {
    expect(cleanConf('a {\n  b;\n\n\n  c {\n# }\nd;\n}\n}\n')).toBe('a {\n\tb;\n\t\n\tc {\n\t\t# }\n\t\td;\n\t}\n}\n');
  });
});

const API_YAML = ingressYaml({ name: 'api', host: 'api.example.com', tlsSecret: 'api-tls', paths: [{ service: 'api' }] });

describe('nginx.conf in the controller pod', () => {
  const EXEC = 'kubectl -n ingress-nginx exec deploy/ingress-nginx-controller --';

  async function cluster() {
    const sim = createSimulation({ seed: 3, topology: { ingress: 'nginx' }, files: { '/lab/api.yaml': API_YAML } });
    settle(sim);
    return sim;
  }

  it('follows kubectl apply: the new server block is there on the next cat', async () => {
    const sim = await cluster();
    const before = await sim.exec(`${EXEC} cat /etc/nginx/nginx.conf`);
    expect(before.exitCode).toBe(0);
    expect(before.stdout).not.toContain('api.example.com');
    expect((await sim.exec('kubectl apply -f /lab/api.yaml')).exitCode).toBe(0);
    const after = (await sim.exec(`${EXEC} cat /etc/nginx/nginx.conf`)).stdout;
    expect(after).toContain('\t## start server api.example.com\n');
    expect(after).toContain('\t\t\tset $ingress_name   "api";\n');
    expect(confChecksum(after)).not.toBe(confChecksum(before.stdout));
    await sim.exec('kubectl delete ingress api');
    expect((await sim.exec(`${EXEC} grep -c "start server" /etc/nginx/nginx.conf`)).stdout).toBe('1\n');
  });

  it('answers the article\'s cat | grep -A 5, and grep inside the pod', async () => {
    const sim = await cluster();
    await sim.exec('kubectl apply -f /lab/api.yaml');
    const r = await sim.exec(`${EXEC} cat /etc/nginx/nginx.conf | grep -A 5 "server_name api.example.com"`);
    expect(r).toMatchObject({ stdout: '\t\tserver_name api.example.com ;\n\t\t\n\t\thttp2 on;\n\t\t\n\t\tlisten 80  ;\n\t\tlisten 443  ssl;\n', stderr: '', exitCode: 0 });
    expect((await sim.exec(`${EXEC} grep -m1 -F "set \\$service_name" /etc/nginx/nginx.conf`)).stdout).toBe('\t\t\tset $service_name   "";\n');
  });

  it('runs the image\'s own programs as www-data in /etc/nginx, and still has no curl', async () => {
    const sim = await cluster();
    expect((await sim.exec(`${EXEC} /nginx-ingress-controller --version`)).stdout).toContain('\n  Release:       v1.13.3\n  Build:         468a9c9a3068a066e076fbdda21ee9559f2a4d8a\n');
    expect((await sim.exec(`${EXEC} nginx -v`)).stderr).toBe('nginx version: nginx/1.27.1\n');
    expect((await sim.exec(`${EXEC} sh -c 'echo $USER $HOME $PWD'`)).stdout).toBe('www-data /usr/local/nginx /etc/nginx\n');
    expect((await sim.exec(`${EXEC} curl -s localhost`)).stderr).toContain('exec: "curl": executable file not found in $PATH');
  });
});
