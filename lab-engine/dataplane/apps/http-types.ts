// One HTTP exchange as the simulated applications see it: what a client (curl, wget, a check,
// the ingress controller proxying upstream) sends once a connection is up, and what comes back.
// The apps folder answers it per image; dataplane/ingress answers it for ingress controller pods.

export interface HttpRequest {
  method: string;
  /** Path with query, e.g. `/api/v1?x=1`. */
  path: string;
  /** Header names lower-cased; `host` is always present (what the client put in Host:). */
  headers: Record<string, string>;
  body?: string;
  /** The address the server's socket saw the connection come from (after any SNAT). */
  remoteAddr: string;
  remotePort: number;
  /** The address and port the server accepted on (after DNAT). */
  localAddr: string;
  localPort: number;
  /** TLS was negotiated on this connection; `sni` is the name the client sent. */
  tls?: { sni?: string };
}

export interface HttpResponse {
  status: number;
  /** Reason phrase as the server sends it (nginx: "OK", "Not Found"...). */
  reason: string;
  /** In the order the server sends them; names in the server's own capitalisation. */
  headers: [string, string][];
  body: string;
  /** HTTP version the server answered with. */
  version: '1.0' | '1.1';
}

/** Who answered and why: feeds `trace` and check explanations. */
export interface HttpExchange {
  request: HttpRequest;
  response: HttpResponse;
  /** e.g. `nginx default page from default/web-7d4b9c-abcde`, `ingress-nginx: host example.com path /api (Prefix) → svc/api:80`. */
  servedBy: string[];
}
