// NGINX Gateway Fabric's two images: the controller and its data plane (nginx built for the
// gateway), side by side in the pod its manifests install. The data plane listens on the ports its
// container declares (the Gateway's listeners); its HTTP is the gateway's (dataplane/gateway),
// which answers for any pod running that image (cluster/gateway-api/gateway-controllers.ts names
// both repositories).

import { NGINX_GATEWAY_FABRIC } from '../../../cluster/gateway-api/gateway-controllers';
import type { ImageProfile } from '../image-profile';

export const nginxGatewayFabric: ImageProfile = {
  repositories: [NGINX_GATEWAY_FABRIC.image, NGINX_GATEWAY_FABRIC.controllerImage],
  registry: { tags: ['1.6.2', '1.6.1', '1.5.1'], pullMs: 5_000, stopMs: 300, sizeBytes: 21_742_310 },
  defaultCommand: { kind: 'serves' },
};
