// Which of a steady sender's datagrams one catch-up walks.

import { describe, expect, it } from 'vitest';
import { sendTimes } from './udp-senders';

describe('sendTimes', () => {
  it('the first and the last datagram due, and between them a stride under the 30 s UDP timeout', () => {
    expect(sendTimes(0, 25_000, 10_000)).toEqual([0, 20_000]);
    expect(sendTimes(0, 95_000, 10_000)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 90_000]);
    expect(sendTimes(5_000, 4_000, 10_000)).toEqual([]);
  });
});
