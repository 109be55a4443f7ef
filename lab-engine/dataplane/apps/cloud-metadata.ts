// The cloud's instance metadata service at 169.254.169.254 (EXTERNAL_HOSTS['cloud-metadata']), as
// EC2 serves it on every instance's link: plain HTTP on port 80, no token asked (IMDSv1). It
// answers whoever's packet arrives with the instance's own identity and, under
// iam/security-credentials/, the node role's temporary keys. A pod's packet arrives masqueraded to
// its node's address, so the service cannot tell the pod from the kubelet: that is why a
// NetworkPolicy `ipBlock` `except` for 169.254.169.254/32 matters. Paths and answers follow
// testdata/ec2-imds-v1.txt (the listing, the credentials document, the 404 page).

import { httpDate, httpResponse } from './http-response';
import type { HttpExchange, HttpRequest } from './http-types';

export const CLOUD_METADATA_IP = '169.254.169.254';
/** The IAM role the nodes' instance profile carries. */
export const NODE_ROLE = 'node-role';
const REGION = 'us-west-2';

const CATEGORIES = ['ami-id', 'ami-launch-index', 'ami-manifest-path', 'block-device-mapping/', 'hostname', 'iam/', 'instance-action', 'instance-id', 'instance-type', 'local-hostname', 'local-ipv4', 'mac', 'network/', 'placement/', 'profile', 'public-keys/', 'reservation-id', 'security-groups'];

/** The credentials document's fields in EC2's order, with the EC2 User Guide's placeholder values. */
const CREDENTIALS = `{
  "Code" : "Success",
  "LastUpdated" : "2012-04-26T16:39:16Z",
  "Type" : "AWS-HMAC",
  "AccessKeyId" : "ASIAIOSFODNN7EXAMPLE",
  "SecretAccessKey" : "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "Token" : "token",
  "Expiration" : "2017-05-17T15:09:54Z"
}`;

const NOT_FOUND = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
         "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>404 - Not Found</title>
 </head>
 <body>
  <h1>404 - Not Found</h1>
 </body>
</html>
`;

/** What the service answers at `path` for the instance whose address is `instanceIp`; undefined: 404. */
function metadataAt(path: string, instanceIp: string): string | undefined {
  const hostname = `ip-${instanceIp.replace(/\./g, '-')}.${REGION}.compute.internal`;
  // One instance id per node, from its address: stable across runs, different per node.
  const instanceId = `i-0${instanceIp.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join('')}7f3a2c1b`;
  const base = '/latest/meta-data';
  const answers: Record<string, string> = {
    [`${base}/`]: CATEGORIES.join('\n'),
    [`${base}/ami-id`]: 'ami-0a8b4cd3b6d0d5c3f',
    [`${base}/hostname`]: hostname,
    [`${base}/local-hostname`]: hostname,
    [`${base}/local-ipv4`]: instanceIp,
    [`${base}/instance-id`]: instanceId,
    [`${base}/instance-type`]: 'm5.large',
    [`${base}/iam/`]: 'info\nsecurity-credentials/',
    [`${base}/iam/security-credentials/`]: NODE_ROLE,
    [`${base}/iam/security-credentials/${NODE_ROLE}`]: CREDENTIALS,
  };
  return answers[path];
}

/** One request to the metadata service; `remoteAddr` is the address the packet arrived from (the node's, for a masqueraded pod). */
export function serveCloudMetadata(req: HttpRequest, nowMs: number): HttpExchange {
  const body = metadataAt(req.path.split('?')[0], req.remoteAddr);
  const status = body === undefined ? 404 : 200;
  const text = body ?? NOT_FOUND;
  const headers: [string, string][] = [['Content-Type', body === undefined ? 'text/html' : 'text/plain'], ['Content-Length', String(Buffer.byteLength(text))], ['Connection', 'close'], ['Date', httpDate(nowMs)], ['Server', 'EC2ws']];
  return { request: req, response: httpResponse(status, status === 200 ? 'OK' : 'Not Found', headers, text, req.method), servedBy: [`the cloud metadata service at ${CLOUD_METADATA_IP}, answering for the instance ${req.remoteAddr}`] };
}
