import { describe, expect, it } from 'vitest';
import { formatTable } from './table-writer';

describe('formatTable', () => {
  it('pads every column but the last to its widest cell + 3 (GROUND-TRUTH §5 example)', () => {
    const out = formatTable([
      ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
      ['web-7d4b9c8f5-x2k9p', '1/1', 'Running', '0', '5m12s'],
      ['client', '1/1', 'Running', '2 (3m ago)', '2d1h'],
    ]);
    expect(out).toBe(
      'NAME                  READY   STATUS    RESTARTS     AGE\n' +
        'web-7d4b9c8f5-x2k9p   1/1     Running   0            5m12s\n' +
        'client                1/1     Running   2 (3m ago)   2d1h\n',
    );
  });

  it('never makes a padded column narrower than 6', () => {
    expect(formatTable([['A', 'B'], ['x', 'y']])).toBe('A     B\nx     y\n');
  });
});
