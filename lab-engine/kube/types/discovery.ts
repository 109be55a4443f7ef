// discovery.k8s.io/v1 EndpointSlice: what kube-proxy reads today in place of Endpoints.

import type { ObjectMeta } from './meta';
import type { EndpointAddress, Protocol } from './core-services';

export interface EndpointSlice {
  apiVersion: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  metadata: ObjectMeta;
  addressType: 'IPv4';
  endpoints: {
    addresses: string[];
    conditions: { ready: boolean; serving: boolean; terminating: boolean };
    nodeName?: string;
    hostname?: string;
    targetRef?: EndpointAddress['targetRef'];
    zone?: string;
  }[];
  ports: { name: string; port: number; protocol: Protocol; appProtocol?: string }[] | null;
}


// Registers these kinds' resources (see resource-types.ts).
declare module './resource-types' {
  interface ResourceTypes {
    endpointslices: EndpointSlice;
  }
}
