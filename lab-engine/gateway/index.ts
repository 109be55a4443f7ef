// The gateway's face to its host (app/_server/server.ts) and to the benchmarks: start it with
// its ports, route terminal upgrades to it, close it.

export { startGateway, type Gateway, type GatewayOptions, type SessionHostView } from './gateway';
export { labshCommand } from './labsh-command';
export { testEchoDelayFromEnv } from './test-echo-delay';
export type { LabshCommand } from './lab-process';
export type { AttemptRef, AttemptStore, LiveSessions, OutputWatcher, SessionAuth, RecordedOutput } from './ports';
export { fitRecording, recordingStoppedMarker, utf8Bytes, type RecordingFit } from './recording-cap';
export { TERMINAL_PATH } from '../protocol';
