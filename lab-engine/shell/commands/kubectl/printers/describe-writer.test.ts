import { describe, expect, it } from 'vitest';
import { DescribeWriter, LEVEL_0, LEVEL_1, tabwrite } from './describe-writer';

describe('tabwrite (Go text/tabwriter with minwidth 0, tabwidth 8, padding 2)', () => {
  it('pads a column block to its widest cell plus 2 and leaves the last cell alone', () => {
    expect(tabwrite('Name:\tweb\nNamespace:\tdefault\n')).toBe('Name:       web\nNamespace:  default\n');
  });

  it('ends a block at a line without a cell in that column', () => {
    expect(tabwrite('A:\t1\nSection:\nLonger key:\t2\n')).toBe('A:  1\nSection:\nLonger key:  2\n');
  });

  it('aligns a third column only across the lines that have one', () => {
    expect(tabwrite('Port:\tdns\t53/UDP\nTargetPort:\t53/UDP\n')).toBe('Port:        dns  53/UDP\nTargetPort:  53/UDP\n');
  });

  it('pads an empty cell (trailing spaces after a key with no value) and an all-empty column to 2', () => {
    expect(tabwrite('IP:\t\nIPs:\t<none>\n')).toBe('IP:   \nIPs:  <none>\n');
    expect(tabwrite('a\tb\t\tc\nlong\tx\t\ty\n')).toBe('a     b    c\nlong  x    y\n');
  });
});

describe('DescribeWriter', () => {
  it('indents by two spaces a level before laying out', () => {
    const w = new DescribeWriter();
    w.write(LEVEL_0, 'IPs:\n');
    w.write(LEVEL_1, 'IP:\t10.0.0.1\n');
    w.write(LEVEL_0, 'Controlled By:\tReplicaSet/web\n');
    expect(w.done()).toBe('IPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/web\n');
  });
});
