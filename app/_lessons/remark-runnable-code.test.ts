import { describe, expect, it } from 'vitest';
import { remarkRunnableCode } from './remark-runnable-code';
import { attributesOf, jsxElements, runStep } from './remark-test-kit';

describe('remarkRunnableCode', () => {
  it('turns fences marked `run` into <RunnableCode/> and leaves the others alone', async () => {
    const tree = await runStep(remarkRunnableCode, 'runnable.mdx');
    const runnable = jsxElements(tree, 'RunnableCode').map(attributesOf);
    expect(runnable).toEqual([
      { command: 'kubectl get nodes -o wide', language: 'sh' },
      { command: 'kubectl get pods -o wide', language: 'sh', label: 'List pods' },
    ]);
    const plain = tree.children.filter((node) => node.type === 'code');
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatchObject({ lang: 'sh', value: 'echo "not runnable"' });
  });

  it('hands a declared wait condition to the Run button in its text form', async () => {
    const tree = await runStep(remarkRunnableCode, 'runnable-wait.mdx');
    expect(jsxElements(tree, 'RunnableCode').map(attributesOf)).toEqual([{ command: 'kubectl run web --image=nginx', language: 'sh', waitFor: 'ready pod/web' }]);
  });

  it('fails the build on a wait condition it cannot read, naming the line and the fix', async () => {
    await expect(runStep(remarkRunnableCode, 'runnable-bad-wait.mdx')).rejects.toThrow(/run block at line 5: waitFor: "ready web" names no kind\/name; write it as `ready pod\/web`/);
  });
});
