// Building blocks of the responses the simulated servers send: the HTTP-date from the simulation
// clock, a response whose body a HEAD request leaves out, and the plain-text answer Go's net/http
// writes (Date, Content-Type, Content-Length, in that order). The image profiles and the ingress
// controllers compose their answers from these.

import { utcString } from '../../core/utc-text';
import type { HttpResponse } from './http-types';

/** HTTP-date as servers send it, from the simulation clock. */
export function httpDate(ms: number): string {
  return utcString(ms);
}

export function httpResponse(status: number, reason: string, headers: [string, string][], body: string, method: string): HttpResponse {
  return { status, reason, version: '1.1', headers, body: method === 'HEAD' ? '' : body };
}

/** 200 with a text/plain body, headers as Go's net/http orders them. */
export function plainText(body: string, method: string, nowMs: number): HttpResponse {
  return httpResponse(200, 'OK', [['Date', httpDate(nowMs)], ['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(Buffer.byteLength(body))]], body, method);
}
