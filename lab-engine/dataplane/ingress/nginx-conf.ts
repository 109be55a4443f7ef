// /etc/nginx/nginx.conf as ingress-nginx writes it in its controller pod: the structure and
// directive names of rootfs/etc/nginx/template/nginx.tmpl (controller-v1.13.3) with the
// ConfigMap defaults, filled from the servers and locations of nginx-servers.ts, then laid out
// as the controller's cleanConf does (one tab per brace depth, runs of empty lines squeezed to
// one, which keeps its indentation). Sections for features Flatnet does not model (GeoIP,
// ModSecurity, auth, rate limits, OpenTelemetry, the stream block, most per-location proxy
// tuning) are left out rather than invented; what is rendered reads as the real file does.

import { fnvHex } from '../cni/names';
import { buildServers, enforcesRegex, needsRewrite, DEFAULT_SERVER_NAME, DEFAULT_UPSTREAM, type NginxLocation, type NginxServer } from './nginx-servers';
import type { Ingress } from '../../kube/types';

export const NGINX_CONF_PATH = '/etc/nginx/nginx.conf';

export interface NginxConfOptions {
  /** worker_processes: the node's CPU count (runtime.NumCPU in the controller). */
  workerProcesses: number;
  /** The pod's nameserver (from its resolv.conf), for the `resolver` line. */
  resolver: string;
}

const DEFAULT_SERVER_PORT = 8181;
const STATUS_PORT = 10246;
const BACKLOG = 4096; // net.core.somaxconn
const WORKER_OPEN_FILES = 1048576 - 1024; // containerd's nofile limit, less the controller's reserve
const LOG_FORMAT = `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id`;
const SSL_CIPHERS = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384';

/** The whole file for the Ingresses a controller serves. */
export function renderNginxConf(ingresses: readonly Ingress[], options: NginxConfOptions): string {
  const servers = buildServers(ingresses);
  const body = [...mainSection(servers, options), ...servers.flatMap(serverBlock), ...trailingServers()].join('\n');
  // The controller hashes its whole configuration; any change to the servers changes the checksum.
  const checksum = BigInt(`0x${fnvHex(body, 0)}${fnvHex(body, 1)}`).toString();
  return cleanConf(`\n# Configuration checksum: ${checksum}\n${body}\n}\n`);
}

/** The checksum line of a rendered file, to tell whether the model changed since it was written. */
export function confChecksum(text: string): string | undefined {
  return /^# Configuration checksum: (\d+)$/m.exec(text)?.[1];
}

/** nginx.go nginxHashBucketSize: room for the longest server name, as a power of two. */
function hashBucketSize(servers: readonly NginxServer[]): number {
  const longest = Math.max(...servers.map((s) => s.hostname.length));
  const aligned = (longest + 2 + 7) & ~7;
  let size = 1;
  while (size < 16 + aligned) size *= 2;
  return size;
}

function mainSection(servers: readonly NginxServer[], o: NginxConfOptions): string[] {
  return [
    '', '# setup custom paths that do not require root access', 'pid /tmp/nginx/nginx.pid;', '', 'daemon off;', '',
    `worker_processes ${o.workerProcesses};`, '', `worker_rlimit_nofile ${WORKER_OPEN_FILES};`, '', 'worker_shutdown_timeout 240s ;', '',
    'events {', 'multi_accept        on;', 'worker_connections  16384;', 'use                 epoll;', '}', '',
    'http {', 'lua_package_path "/etc/nginx/lua/?.lua;;";', '', 'lua_shared_dict luaconfig 5m;', '',
    'init_by_lua_file /etc/nginx/lua/ngx_conf_init.lua;', '', 'init_worker_by_lua_file /etc/nginx/lua/ngx_conf_init_worker.lua;', '',
    'aio                 threads;', '', 'tcp_nopush          on;', 'tcp_nodelay         on;', '', 'log_subrequest      on;', '', 'reset_timedout_connection on;', '',
    'keepalive_timeout  75s;', 'keepalive_requests 1000;', '',
    'client_body_temp_path           /tmp/nginx/client-body;', 'fastcgi_temp_path               /tmp/nginx/fastcgi-temp;', 'proxy_temp_path                 /tmp/nginx/proxy-temp;', '',
    'client_header_buffer_size       1k;', 'client_header_timeout           60s;', 'large_client_header_buffers     4 8k;', 'client_body_buffer_size         8k;', 'client_body_timeout             60s;', '',
    'http2_max_concurrent_streams    128;', '',
    'types_hash_max_size             2048;', 'server_names_hash_max_size      1024;', `server_names_hash_bucket_size   ${hashBucketSize(servers)};`, 'map_hash_bucket_size            64;', '',
    'proxy_headers_hash_max_size     512;', 'proxy_headers_hash_bucket_size  64;', '', 'variables_hash_bucket_size      256;', 'variables_hash_max_size         2048;', '',
    'underscores_in_headers          off;', 'ignore_invalid_headers          on;', '', 'limit_req_status                503;', 'limit_conn_status               503;', '',
    'include /etc/nginx/mime.types;', 'default_type text/html;', '', '# Custom headers for response', '', 'server_tokens off;', '', 'more_clear_headers Server;', '',
    '# disable warnings', 'uninitialized_variable_warn off;', '',
    '# Additional available variables:', '# $namespace', '# $ingress_name', '# $service_name', '# $service_port', `log_format upstreaminfo '${LOG_FORMAT}';`, '',
    'map $request_uri $loggable {', '', 'default 1;', '}', '',
    'access_log /var/log/nginx/access.log upstreaminfo  if=$loggable;', '', 'error_log  /var/log/nginx/error.log notice;', '',
    `resolver ${o.resolver} valid=30s;`, '',
    '# See https://www.nginx.com/blog/websocket-nginx', 'map $http_upgrade $connection_upgrade {', 'default          upgrade;', '',
    '# See https://nginx.org/en/docs/http/ngx_http_upstream_module.html#keepalive', "''               '';", '', '}', '',
    'map $http_x_request_id $req_id {', 'default   $http_x_request_id;', '', '""        $request_id;', '', '}', '',
    '# Create a variable that contains the literal $ character.', '# This works because the geo module will not resolve variables.', 'geo $literal_dollar {', 'default "$";', '}', '',
    'server_name_in_redirect off;', 'port_in_redirect        off;', '', 'ssl_protocols TLSv1.2 TLSv1.3;', '', 'ssl_early_data off;', '',
    '# turn on session caching to drastically improve performance', '', 'ssl_session_cache shared:SSL:10m;', 'ssl_session_timeout 10m;', '',
    '# allow configuring ssl session tickets', 'ssl_session_tickets off;', '', '# slightly reduce the time-to-first-byte', 'ssl_buffer_size 4k;', '',
    '# allow configuring custom ssl ciphers', `ssl_ciphers '${SSL_CIPHERS}';`, 'ssl_prefer_server_ciphers on;', '', 'ssl_ecdh_curve auto;', '',
    'ssl_certificate     /etc/ingress-controller/ssl/default-fake-certificate.pem;', 'ssl_certificate_key /etc/ingress-controller/ssl/default-fake-certificate.pem;', '',
    'proxy_ssl_session_reuse on;', '',
    'upstream upstream_balancer {', '### Attention!!!', '#', '# We no longer create "upstream" section for every backend.',
    '# Backends are handled dynamically using Lua. If you would like to debug',
    '# and see what backends ingress-nginx has in its memory you can',
    '# install our kubectl plugin https://kubernetes.github.io/ingress-nginx/kubectl-plugin.',
    '# Once you have the plugin you can use "kubectl ingress-nginx backends" command to', '# inspect current backends.', '#', '###', '',
    'server 0.0.0.1; # placeholder', '', 'balancer_by_lua_file /etc/nginx/lua/nginx/ngx_conf_balancer.lua;', '',
    'keepalive 320;', 'keepalive_time 1h;', 'keepalive_timeout  60s;', 'keepalive_requests 10000;', '', '}', '',
    '# Cache for internal auth checks', 'proxy_cache_path /tmp/nginx/nginx-cache-auth levels=1:2 keys_zone=auth_cache:10m max_size=128m inactive=30m use_temp_path=off;', '',
    '# Global filters', '',
  ];
}

/** `## start server HOST` … `## end server HOST`, as the template's SERVER definition lays it out. */
function serverBlock(server: NginxServer): string[] {
  const isDefault = server.hostname === DEFAULT_SERVER_NAME;
  const listenOptions = isDefault ? `default_server reuseport backlog=${BACKLOG}` : '';
  const regex = enforcesRegex(server);
  const lines = [
    `## start server ${server.hostname}`, 'server {', `server_name ${serverName(server.hostname)} ;`, '', 'http2 on;', '',
    `listen 80 ${listenOptions} ;`, `listen 443 ${listenOptions} ssl;`, '', 'set $proxy_upstream_name "-";', '',
    ...(isDefault ? ['ssl_reject_handshake off;', ''] : []),
    'ssl_certificate_by_lua_file /etc/nginx/lua/nginx/ngx_conf_certificate.lua;', '',
    ...server.locations.flatMap((loc) => locationBlock(server, loc, regex)),
  ];
  if (isDefault) {
    lines.push('# health checks in cloud providers require the use of port 80', 'location /healthz {', '', 'access_log off;', 'return 200;', '}', '',
      '# this is required to avoid error if nginx is being monitored', '# with an external software (like sysdig)', 'location /nginx_status {', '',
      'allow 127.0.0.1;', '', 'deny all;', '', 'access_log off;', 'stub_status on;', '}', '');
  }
  return [...lines, '}', `## end server ${server.hostname}`, ''];
}

/** template.go buildServerName: a wildcard host becomes a regex naming the subdomain. */
function serverName(host: string): string {
  if (!host.startsWith('*')) return host;
  return `~^(?<subdomain>[\\w-]+)\\.${host.replace('*.', '').split('.').join('\\.')}$`;
}

/** template.go buildLocation: regex servers match `~* "^path"`, Exact paths `= path`. */
function locationPath(loc: NginxLocation, regex: boolean): string {
  if (regex) return `~* "^${loc.path}"`;
  return loc.pathType === 'Exact' ? `= ${loc.path}` : loc.path;
}

/** template.go getIngressInformation: the Ingress, and the backend of the rule path this location came from. */
function ingressInformation(server: NginxServer, loc: NginxLocation): { namespace: string; name: string; service: string; port: string; path: string } {
  const ing = loc.ingress;
  if (!ing) return { namespace: '', name: '', service: '', port: '', path: '' };
  const path = loc.ingressPath || '/';
  let backend = ing.spec.defaultBackend;
  for (const rule of ing.spec.rules ?? []) {
    if ((rule.host || DEFAULT_SERVER_NAME) !== server.hostname) continue;
    const found = rule.http?.paths.find((p) => p.path === path);
    if (found) {
      backend = found.backend;
      break;
    }
  }
  const port = backend?.service.port.number !== undefined ? String(backend.service.port.number) : backend?.service.port.name ?? '';
  return { namespace: ing.metadata.namespace ?? 'default', name: ing.metadata.name, service: backend?.service.name ?? '', port, path };
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function locationBlock(server: NginxServer, loc: NginxLocation, regex: boolean): string[] {
  const info = ingressInformation(server, loc);
  const r = loc.rewrite;
  return [
    `location ${locationPath(loc, regex)} {`, '',
    `set $namespace      ${quote(info.namespace)};`, `set $ingress_name   ${quote(info.name)};`, `set $service_name   ${quote(info.service)};`,
    `set $service_port   ${quote(info.port)};`, `set $location_path  ${quote(info.path.replace(/\$/g, '${literal_dollar}'))};`, '',
    // template.go locationConfigForLua: the variables ngx_rewrite.lua reads to decide on redirects.
    `set $force_ssl_redirect "${r.forceSslRedirect}";`, `set $ssl_redirect "${r.sslRedirect}";`, 'set $force_no_ssl_redirect "false";',
    'set $preserve_trailing_slash "false";', 'set $use_port_in_redirects "false";', '',
    'rewrite_by_lua_file /etc/nginx/lua/nginx/ngx_rewrite.lua;', '', 'header_filter_by_lua_file /etc/nginx/lua/nginx/ngx_conf_srv_hdr_filter.lua;', '',
    'log_by_lua_file /etc/nginx/lua/nginx/ngx_conf_log_block.lua;', '',
    ...(loc.upstream === DEFAULT_UPSTREAM && server.hostname === DEFAULT_SERVER_NAME && loc.isDefaultBackend ? ['access_log off;', ''] : []),
    'port_in_redirect off;', '', 'set $balancer_ewma_score -1;', `set $proxy_upstream_name ${quote(loc.upstream)};`,
    'set $proxy_host          $proxy_upstream_name;', 'set $pass_access_scheme  $scheme;', '', 'set $pass_server_port    $server_port;', '',
    'set $best_http_host      $http_host;', 'set $pass_port           $pass_server_port;', '', 'set $proxy_alternative_upstream_name "";', '',
    'client_max_body_size                    1m;', '', 'proxy_set_header Host                   $best_http_host;', '',
    '# Pass the extracted client certificate to the backend', '', '# Allow websocket connections',
    'proxy_set_header                        Upgrade           $http_upgrade;', '', 'proxy_set_header                        Connection        $connection_upgrade;', '',
    'proxy_set_header X-Request-ID           $req_id;', 'proxy_set_header X-Real-IP              $remote_addr;', '',
    'proxy_set_header X-Forwarded-For        $remote_addr;', '', 'proxy_set_header X-Forwarded-Host       $best_http_host;',
    'proxy_set_header X-Forwarded-Port       $pass_port;', 'proxy_set_header X-Forwarded-Proto      $pass_access_scheme;',
    'proxy_set_header X-Forwarded-Scheme     $pass_access_scheme;', '', 'proxy_set_header X-Scheme               $pass_access_scheme;', '',
    '# Pass the original X-Forwarded-For', 'proxy_set_header X-Original-Forwarded-For $http_x_forwarded_for;', '',
    '# mitigate HTTPoxy Vulnerability', '# https://www.nginx.com/blog/mitigating-the-httpoxy-vulnerability-with-nginx/', 'proxy_set_header Proxy                  "";', '',
    '# Custom headers to proxied server', '',
    'proxy_connect_timeout                   5s;', 'proxy_send_timeout                      60s;', 'proxy_read_timeout                      60s;', '',
    'proxy_buffering                         off;', 'proxy_buffer_size                       4k;', 'proxy_buffers                           4 4k;', '',
    'proxy_max_temp_file_size                1024m;', '', 'proxy_request_buffering                 on;', 'proxy_http_version                      1.1;', '',
    'proxy_cookie_domain                     off;', 'proxy_cookie_path                       off;', '',
    '# In case of errors try the next upstream server before returning an error', 'proxy_next_upstream                     error timeout;',
    'proxy_next_upstream_timeout             0;', 'proxy_next_upstream_tries               3;', '',
    ...proxyPass(loc), '', 'proxy_redirect                          off;', '', '}', '',
  ];
}

/** template.go buildProxyPass: a rewrite-target becomes `rewrite "(?i)PATH" TARGET break;` before proxy_pass. */
function proxyPass(loc: NginxLocation): string[] {
  const pass = 'proxy_pass http://upstream_balancer;';
  return needsRewrite(loc) ? ['', `rewrite "(?i)${loc.path}" ${loc.rewrite.target} break;`, pass] : [pass];
}

function trailingServers(): string[] {
  return [
    '# backend for when default-backend-service is not configured or it does not have endpoints', 'server {',
    `listen ${DEFAULT_SERVER_PORT} default_server reuseport backlog=${BACKLOG};`, '', 'set $proxy_upstream_name "internal";', '', 'access_log off;', '',
    'location / {', 'return 404;', '}', '}', '',
    '# default server, used for NGINX healthcheck and access to nginx stats', 'server {',
    '# Ensure that modsecurity will not run on an internal location as this is not accessible from outside', '',
    `listen 127.0.0.1:${STATUS_PORT};`, 'set $proxy_upstream_name "internal";', '', 'keepalive_timeout 0;', 'gzip off;', '', 'access_log off;', '',
    'location /healthz {', 'return 200;', '}', '', 'location /is-dynamic-lb-initialized {', 'content_by_lua_file /etc/nginx/lua/nginx/ngx_conf_is_dynamic_lb_initialized.lua;', '}', '',
    'location /nginx_status {', 'stub_status on;', '}', '',
    'location /configuration {', 'client_max_body_size                    21M;', 'client_body_buffer_size                 21M;', 'proxy_buffering                         off;', '',
    'content_by_lua_file /etc/nginx/lua/nginx/ngx_conf_configuration.lua;', '}', '', 'location / {', 'return 404;', '}', '}',
  ];
}

/**
 * template.go cleanConf, re-expressed: drops each line's own indentation, indents by brace depth
 * with tabs (a closing brace at the outer depth), squeezes runs of empty lines to one, and indents
 * empty lines too, as the controller does for backward compatibility. Braces in comments do not count.
 */
export function cleanConf(text: string): string {
  let depth = 0;
  let lastEmpty = false;
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[ \t]+/, '');
    if (line === '') {
      if (!lastEmpty) out.push('\t'.repeat(depth));
      lastEmpty = true;
      continue;
    }
    lastEmpty = false;
    const code = line.startsWith('#') ? '' : line.replace(/#.*$/, '');
    const opens = (code.match(/\{/g) ?? []).length;
    const closes = (code.match(/\}/g) ?? []).length;
    const indent = code.startsWith('}') ? depth - 1 : depth;
    out.push('\t'.repeat(Math.max(indent, 0)) + line);
    depth = Math.max(depth + opens - closes, 0);
  }
  return out.join('\n');
}
