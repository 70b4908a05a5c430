/**
 * PKCS#11 plumbing through pkcs11js: load a module, initialise it, run one piece of work, and
 * always finalise and unload it again; sessions and object searches that are always closed.
 *
 * Every call is synchronous on purpose. A PKCS#11 library is a process-wide singleton
 * (a second `C_Initialize` fails with CKR_CRYPTOKI_ALREADY_INITIALIZED), and SoftHSM2 reads its
 * configuration (`SOFTHSM2_CONF`) only in `C_Initialize`. Running load → initialise → work →
 * finalise → unload without yielding to the event loop means two card stores (two state folders)
 * in one process never see each other's module state, and no handle outlives the call. It costs
 * about 2 ms per call with SoftHSM2.
 */
import pkcs11js from 'pkcs11js';
import { CardError, ckrName, tokenFailure } from './cardError.js';

/** A loaded, initialised PKCS#11 module, valid only inside {@link withPkcs11Module}. */
export type Pkcs11 = InstanceType<typeof pkcs11js.PKCS11>;
/** A slot, session or object handle. */
export type Handle = Buffer;

/** Where the module is and what must happen just before `C_Initialize`. */
export interface Pkcs11ModuleOptions {
  /** Path of the PKCS#11 library, e.g. `/usr/lib/softhsm/libsofthsm2.so` or Net iD's `libiidp11.so`. */
  modulePath: string;
  /** Runs right before `C_Initialize` (SoftHSM2: point `SOFTHSM2_CONF` at the store's config). */
  beforeInitialize?: () => void;
  /** Added to the "cannot load" message, e.g. how to install the module. */
  installHint?: string;
}

/** A token as the module reports it. */
export interface TokenSlot {
  slot: Handle;
  /** Token label without its blank (or NUL) padding. */
  label: string;
  serialNumber: string;
  flags: number;
  initialized: boolean;
}

/** Token labels are 32 bytes, blank padded (pkcs11js passes the string as is). */
export const TOKEN_LABEL_MAX = 32;

/** Loads the module, initialises it, runs `work`, then finalises and unloads it, also on error. */
export function withPkcs11Module<T>(options: Pkcs11ModuleOptions, work: (p: Pkcs11) => T): T {
  const p = new pkcs11js.PKCS11();
  try {
    p.load(options.modulePath);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CardError(
      'moduleMissing',
      `cannot load the PKCS#11 module ${options.modulePath}: ${detail}.${options.installHint ? ` ${options.installHint}` : ' Check the path of the card\'s PKCS#11 library.'}`,
      undefined,
      { cause: error },
    );
  }
  try {
    options.beforeInitialize?.();
    try {
      p.C_Initialize();
    } catch (error) {
      throw tokenFailure('C_Initialize', options.modulePath, error);
    }
    try {
      const result = work(p);
      if (result instanceof Promise) throw new Error('withPkcs11Module: work must be synchronous (the module is finalised when it returns)');
      return result;
    } finally {
      p.C_Finalize();
    }
  } finally {
    p.close();
  }
}

/** Strips blank and NUL padding from a fixed-length PKCS#11 string. */
export function unpad(value: string): string {
  return value.replace(/[\s\0]+$/, '');
}

/** Every slot that has a token, with its label. */
export function listTokens(p: Pkcs11): TokenSlot[] {
  return p.C_GetSlotList(true).map((slot) => {
    const info = p.C_GetTokenInfo(slot);
    return {
      slot,
      label: unpad(info.label),
      serialNumber: unpad(info.serialNumber),
      flags: info.flags,
      initialized: (info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0,
    };
  });
}

/**
 * The initialised token with this label, or undefined. Slots are found by label because SoftHSM2
 * renumbers them whenever a token is initialised.
 */
export function findToken(p: Pkcs11, label: string): TokenSlot | undefined {
  return listTokens(p).find((t) => t.initialized && t.label === label);
}

/** Opens a session on `slot`, runs `work`, and closes the session (which also logs out). */
export function withSession<T>(p: Pkcs11, slot: Handle, options: { readWrite: boolean }, work: (session: Handle) => T): T {
  const flags = pkcs11js.CKF_SERIAL_SESSION | (options.readWrite ? pkcs11js.CKF_RW_SESSION : 0);
  const session = p.C_OpenSession(slot, flags);
  try {
    return work(session);
  } finally {
    p.C_CloseSession(session);
  }
}

/** Handles of every object matching `template` (the search is always finalised). */
export function findObjects(p: Pkcs11, session: Handle, template: pkcs11js.Template): Handle[] {
  p.C_FindObjectsInit(session, template);
  try {
    const found: Handle[] = [];
    for (;;) {
      const batch = p.C_FindObjects(session, 32);
      found.push(...batch);
      if (batch.length < 32) return found;
    }
  } finally {
    p.C_FindObjectsFinal(session);
  }
}

/** Logs the normal user in; a wrong or locked PIN becomes a {@link CardError}, anything else rethrows. */
export function loginUser(p: Pkcs11, session: Handle, pin: string, what: string): void {
  try {
    p.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    const ckr = ckrName(error);
    if (ckr === 'CKR_USER_ALREADY_LOGGED_IN') return;
    if (ckr === 'CKR_PIN_INCORRECT' || ckr === 'CKR_PIN_LEN_RANGE') {
      throw new CardError('pinIncorrect', `wrong PIN for ${what} (the card answered ${ckr}).`, undefined, { cause: error });
    }
    if (ckr === 'CKR_PIN_LOCKED') {
      throw new CardError('pinLocked', `${what} is locked (the card answered CKR_PIN_LOCKED); unblock it with its PUK (SO PIN).`, undefined, { cause: error });
    }
    throw error;
  }
}

export { pkcs11js };
