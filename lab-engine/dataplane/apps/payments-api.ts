// The payment provider's API outside the cluster (EXTERNAL_HOSTS['payments-api'],
// api.payments.example): over plain HTTP on port 80 it answers what public APIs answer there, a
// permanent redirect to the same URL over HTTPS. Its HTTPS side (TLS on 443) is not modelled: a
// connection to 443 is accepted, which is what the SNAT lab needs, but no TLS handshake follows.

import { httpDate, httpResponse } from './http-response';
import type { HttpExchange, HttpRequest } from './http-types';

export const PAYMENTS_API_NAME = 'api.payments.example';

export function servePaymentsApi(req: HttpRequest, nowMs: number): HttpExchange {
  const location = `https://${PAYMENTS_API_NAME}${req.path}`;
  const body = '<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n</body>\r\n</html>\r\n';
  const headers: [string, string][] = [['Date', httpDate(nowMs)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive'], ['Location', location]];
  return { request: req, response: httpResponse(301, 'Moved Permanently', headers, body, req.method), servedBy: [`the payment API at ${PAYMENTS_API_NAME}`] };
}
