// What each ingress-nginx controller tag in the simulated registry was built from: the release
// commit (the controller's --version prints it as "Build") and the nginx its base image compiles
// (images/nginx/rootfs/build.sh NGINX_VERSION at that tag). Read from the controller-vX.Y.Z tags
// of kubernetes/ingress-nginx.

export interface IngressNginxBuild {
  commit: string;
  nginx: string;
}

export const INGRESS_NGINX_BUILDS: Readonly<Record<string, IngressNginxBuild>> = {
  'v1.12.1': { commit: '64780b1fed3af99f4eccbc3fdad7ad785e8a83b6', nginx: '1.25.5' },
  'v1.13.0': { commit: '9dc73d17c76e2289408ebff2f3446b8b13c3e72e', nginx: '1.27.1' },
  'v1.13.1': { commit: '3bb5d0c12e6146dac70cc0c4d70740cf2f1d010e', nginx: '1.27.1' },
  'v1.13.2': { commit: '8f39a704d8a9b76a7167f2892d684ec3eb656c01', nginx: '1.27.1' },
  'v1.13.3': { commit: '468a9c9a3068a066e076fbdda21ee9559f2a4d8a', nginx: '1.27.1' },
  'v1.14.0': { commit: 'ad643baabbbf55d59c60e75330a193545aa8b788', nginx: '1.27.1' },
};

/** The build behind an image tag; an unknown tag reports the newest known nginx and an UNKNOWN build, as a dev build does. */
export function ingressNginxBuild(tag: string): IngressNginxBuild {
  return INGRESS_NGINX_BUILDS[tag] ?? { commit: 'UNKNOWN', nginx: '1.27.1' };
}
