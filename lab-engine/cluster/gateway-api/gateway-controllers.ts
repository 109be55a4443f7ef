// The Gateway API implementation a lab installs: NGINX Gateway Fabric, one Deployment in
// nginx-gateway whose pod runs the controller beside the nginx data plane, exposed by one
// LoadBalancer Service (as its 1.x manifests install it). It claims GatewayClasses whose
// controllerName is its own, and serves every Gateway of those classes from that pod: a
// Gateway's address is the Service's load-balancer address.

import type { Pod } from '../../kube/types';
import { parseImageRef } from '../images';

export interface GatewayControllerInfo {
  /** GatewayClass spec.controllerName, and status.parents[].controllerName on routes. */
  controllerName: string;
  /** The image of the data plane container: a pod running it serves the Gateways. */
  image: string;
  /** The controller container's image, beside it in the pod. */
  controllerImage: string;
  namespace: string;
  /** The Service in front of the data plane. */
  service: string;
}

export const NGINX_GATEWAY_FABRIC: GatewayControllerInfo = {
  controllerName: 'gateway.nginx.org/nginx-gateway-controller',
  image: 'ghcr.io/nginxinc/nginx-gateway-fabric/nginx',
  controllerImage: 'ghcr.io/nginxinc/nginx-gateway-fabric',
  namespace: 'nginx-gateway',
  service: 'nginx-gateway',
};

/** True when the pod runs the gateway's data plane. */
export function isGatewayDataPlane(pod: Pod): boolean {
  return pod.spec.containers.some((c) => parseImageRef(c.image)?.repository === NGINX_GATEWAY_FABRIC.image);
}
