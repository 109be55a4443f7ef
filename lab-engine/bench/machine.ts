// What the benchmark ran on: every figure is printed with it.

import { cpus, totalmem } from 'node:os';

export function describeMachine() {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
