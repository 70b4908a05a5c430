/** How the simulated SITHS eID app behaves towards orders, and its settings. */

/**
 * - `auto`: approves every pending order at once, with the card in the reader and the stored PIN.
 * - `manual`: a person approves or cancels on the app page (`/app`) with the PIN.
 * - `cancel`: the user presses Avbryt on every order (failed, `userCancel`).
 * - `wrongPin`: the user types a wrong PIN, once when the order arrives and once at every poll;
 *   the third wrong PIN in a row locks the card (failed, `pinLocked`).
 * - `notInstalled`: no app picks the order up; after a grace period it fails with `noClient`.
 * - `noAnswer`: the app never picks the order up; it expires (`expiredTransaction`).
 */
export type AppMode = 'auto' | 'manual' | 'cancel' | 'wrongPin' | 'notInstalled' | 'noAnswer';

/** Every {@link AppMode}. */
export const APP_MODES: readonly AppMode[] = ['auto', 'manual', 'cancel', 'wrongPin', 'notInstalled', 'noAnswer'];

/** Default grace period before an order fails with `noClient` in `notInstalled` mode: 5 s of virtual time. */
export const DEFAULT_NO_CLIENT_AFTER_MS = 5_000;

/** The app's settings as shown by `GET /api/v1/app` (the PIN itself is never shown). */
export interface AppSettings {
  mode: AppMode;
  /** HSA-ID of the card in the reader. */
  activeCard?: string;
  /** Whether a PIN is stored for `auto` mode. */
  pinSet: boolean;
  noClientAfterMs: number;
}

/** A change of settings: `null` takes the card out of the reader or forgets the PIN. */
export interface AppSettingsChange {
  mode?: AppMode;
  activeCard?: string | null;
  pin?: string | null;
}
