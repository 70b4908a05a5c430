/**
 * SoftHSM2 as the harness uses it: one configuration and token folder per state folder
 * (`<stateDir>/softhsm/softhsm2.conf`, `<stateDir>/softhsm/tokens/`), the library found in the
 * usual Debian/Homebrew places, and tokens deleted with `softhsm2-util`.
 *
 * Process-wide state: SoftHSM2 reads its configuration from the `SOFTHSM2_CONF` environment
 * variable when the module is initialised. {@link useSoftHsmConfig} sets that variable for this
 * process right before each `C_Initialize`; it is the one piece of global state of the card layer.
 * Child processes started meanwhile inherit it; set it yourself for a `pkcs11-tool` of your own.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CardError } from './cardError.js';

/** What to install when SoftHSM2 is missing. */
export const SOFTHSM_INSTALL_HINT = 'Install SoftHSM2 and OpenSC: apt-get install softhsm2 opensc (macOS: brew install softhsm opensc).';

/** Where SoftHSM2's PKCS#11 library usually is. */
export const SOFTHSM_MODULE_PATHS = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];

/** The SoftHSM2 library: `explicit` if given (it must exist), else the first usual path that exists. */
export function findSoftHsmModule(explicit?: string): string {
  const candidates = explicit ? [explicit] : SOFTHSM_MODULE_PATHS;
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) {
    throw new CardError('moduleMissing', `SoftHSM2's PKCS#11 library was not found (looked at ${candidates.join(', ')}). ${SOFTHSM_INSTALL_HINT}`);
  }
  return found;
}

/** Files of one SoftHSM2 setup. */
export interface SoftHsmPaths {
  /** `<stateDir>/softhsm` */
  directory: string;
  configPath: string;
  tokenDirectory: string;
}

/** Creates `<directory>/tokens/` and writes `<directory>/softhsm2.conf` pointing at it. */
export function prepareSoftHsmDirectory(directory: string): SoftHsmPaths {
  const absolute = path.resolve(directory);
  const tokenDirectory = path.join(absolute, 'tokens');
  const configPath = path.join(absolute, 'softhsm2.conf');
  try {
    fs.mkdirSync(tokenDirectory, { recursive: true, mode: 0o700 });
    const config = [
      '# Written by samverkan (simulators/eid-app); one SoftHSM2 per state folder.',
      `directories.tokendir = ${tokenDirectory}`,
      'objectstore.backend = file',
      'log.level = ERROR',
      'slots.removable = false',
      '',
    ].join('\n');
    if (!fs.existsSync(configPath) || fs.readFileSync(configPath, 'utf8') !== config) fs.writeFileSync(configPath, config);
  } catch (error) {
    throw new CardError('invalidInput', `cannot prepare the SoftHSM2 folder ${absolute}: ${(error as Error).message}. Choose a writable --state-dir.`);
  }
  return { directory: absolute, configPath, tokenDirectory };
}

/** Points SoftHSM2 at `configPath` for this process (read at the next `C_Initialize`). */
export function useSoftHsmConfig(configPath: string): void {
  process.env.SOFTHSM2_CONF = configPath;
}

/** Deletes the token with `label` (its folder under the token directory) with `softhsm2-util`. */
export function deleteSoftHsmToken(configPath: string, label: string): void {
  try {
    execFileSync('softhsm2-util', ['--delete-token', '--token', label], {
      env: { ...process.env, SOFTHSM2_CONF: configPath },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 10_000,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') throw new CardError('moduleMissing', `softhsm2-util is not installed, so token "${label}" cannot be deleted. ${SOFTHSM_INSTALL_HINT}`);
    throw new CardError('tokenFailure', `softhsm2-util could not delete token "${label}": ${e.stderr?.toString().trim() || e.message}`);
  }
}
