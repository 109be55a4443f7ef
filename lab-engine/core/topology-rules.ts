// The error a topology no simulation can be built from raises (an unknown CNI, a setting given to
// the wrong CNI, a value the CNI does not know). The rules themselves belong to the CNI plugins
// (dataplane/cni/topology-settings.ts); the error lives here so every layer can name it.

/** A topology no simulation can be built from; its message is fit for the person who asked for it. */
export class TopologyError extends Error {}
