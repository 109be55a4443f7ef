// A request the real API server accepts but the simulator cannot carry out yet (changing a running
// pod's image). Registries throw it; kubectl words it as Flatnet's honest "not available" rather
// than faking a success.

export class NotModelled extends Error {
  constructor(readonly what: string) {
    super(what);
    this.name = 'NotModelled';
  }
}
