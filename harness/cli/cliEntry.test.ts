import { test, expect } from '@playwright/test';
import { removeTempDirs, runCli, startCli, tempDir } from './cliTestSupport.js';

/** The CLI entry (bin/samverkan.js) as a real process: what a user sees when output or input goes wrong. */
test.afterAll(removeTempDirs);

const STACK_LINE = /^\s+at .*:\d+:\d+/m;

test.describe('samverkan entry', () => {
  for (const args of [['schedule'], ['card', 'list', '--state-dir', '<temp>']]) {
    test(`samverkan ${args.join(' ')} into a reader that already went away ends quietly, no EPIPE stack trace`, async () => {
      const cli = startCli(args.map((a) => (a === '<temp>' ? tempDir('epipe-state-') : a)));
      cli.child.stdout.destroy(); // like `| head -3` that has read its lines and left
      const { code, output } = await cli.exited;
      expect(output).not.toContain('EPIPE');
      expect(output).not.toMatch(STACK_LINE);
      expect(code).toBe(0);
    });
  }

  test('a failing command says what failed in one line, without a stack trace; SAMVERKAN_DEBUG shows it', async () => {
    const plain = await runCli(['up', '--topology', '/nonexistent/topology.json', '--journal', ':memory:', '--state-dir', tempDir('entry-state-')]);
    expect(plain.code).toBe(1);
    expect(plain.output).toMatch(/^samverkan: .*\/nonexistent\/topology\.json/m);
    expect(plain.output).not.toMatch(STACK_LINE);
    const debug = await runCli(['up', '--topology', '/nonexistent/topology.json', '--journal', ':memory:', '--state-dir', tempDir('entry-state-')], { SAMVERKAN_DEBUG: '1' });
    expect(debug.output).toMatch(STACK_LINE);
  });
});
