/** Versions samverkan knows about itself, for the protocol's "Miljö och versioner". */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { release, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../../../reports/protocol/protocolPdf.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** samverkan's version and commit, Node, Playwright, Chromium, the OS; a part that cannot be read says so. */
export function collectEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const pkg = JSON.parse(readFileSync(`${repoRoot}package.json`, 'utf8')) as { version: string };
  const out: Record<string, string> = { samverkan: pkg.version };
  out['samverkan, git'] = run('git', ['-C', repoRoot, 'rev-parse', '--short=12', 'HEAD']) ?? 'okänd (ingen git-katalog)';
  out['Node.js'] = process.version;
  try {
    const require = createRequire(import.meta.url);
    out['Playwright'] = (require('@playwright/test/package.json') as { version: string }).version;
  } catch {
    out['Playwright'] = 'okänd';
  }
  out['Chromium'] = run(CHROMIUM_PATH, ['--version']) ?? `saknas (${CHROMIUM_PATH})`;
  out['Operativsystem'] = `${type()} ${release()}`;
  return { ...out, ...extra };
}

function run(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
