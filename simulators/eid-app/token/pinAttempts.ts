/**
 * Counting wrong PINs for cards whose module does not lock by itself. SoftHSM2 2.6 answers
 * CKR_PIN_INCORRECT forever (it only raises CKF_USER_PIN_COUNT_LOW), so a SoftHSM2 card keeps its
 * count in a small JSON file beside the token and refuses with `pinLocked` after three wrong PINs
 * in a row, like a SITHS card. Real cards lock themselves (CKR_PIN_LOCKED); they get no counter.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CardError } from './cardError.js';

/** Wrong PINs in a row that lock a card (SITHS: 3). */
export const PIN_ATTEMPTS = 3;

/** The PIN state of one card. */
export interface PinState {
  failedAttempts: number;
  locked: boolean;
}

/** A card's wrong-PIN counter. */
export interface PinAttemptCounter {
  /** @throws {CardError} `pinLocked` when the card is locked. */
  assertUnlocked(what: string): void;
  /** Counts a wrong PIN; returns the attempts left (0 = now locked). */
  failed(): number;
  /** A right PIN resets the count. */
  succeeded(): void;
  state(): PinState;
}

/** A counter kept in one JSON file (`{"failedAttempts":n}`). */
export class FilePinAttempts implements PinAttemptCounter {
  constructor(private readonly file: string) {}

  state(): PinState {
    let failedAttempts = 0;
    try {
      const parsed = JSON.parse(fs.readFileSync(this.file, 'utf8')) as { failedAttempts?: unknown };
      if (typeof parsed.failedAttempts === 'number' && parsed.failedAttempts >= 0) failedAttempts = Math.floor(parsed.failedAttempts);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new CardError('tokenFailure', `cannot read the PIN counter ${this.file}: ${(error as Error).message}. Delete the file to reset the count.`);
      }
    }
    return { failedAttempts, locked: failedAttempts >= PIN_ATTEMPTS };
  }

  assertUnlocked(what: string): void {
    if (this.state().locked) {
      throw new CardError('pinLocked', `${what} is locked after ${PIN_ATTEMPTS} wrong PINs in a row; unblock it with its SO PIN (SoftHsmTokenStore.unblockCard) or create it again.`);
    }
  }

  failed(): number {
    const failedAttempts = this.state().failedAttempts + 1;
    this.write(failedAttempts);
    return Math.max(PIN_ATTEMPTS - failedAttempts, 0);
  }

  succeeded(): void {
    if (this.state().failedAttempts !== 0) this.write(0);
  }

  /** Forgets the count (after an unblock, or when the card is deleted). */
  reset(): void {
    fs.rmSync(this.file, { force: true });
  }

  private write(failedAttempts: number): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify({ failedAttempts })}\n`);
    fs.renameSync(temp, this.file);
  }
}
