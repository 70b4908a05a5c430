/**
 * Simulated SITHS cards as SoftHSM2 tokens under `<stateDir>/softhsm/`: one token per card,
 * labelled with the HSA-ID, holding an authentication and a signature key pair generated on the
 * token, each with its certificate from the test PKI. Wrong PINs are counted beside the token
 * (SoftHSM2 itself never locks); see {@link FilePinAttempts}.
 *
 * Uses the process-wide `SOFTHSM2_CONF` variable, set right before each module initialisation
 * (see softHsmConfig.ts); several stores in one process are fine.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TestPki } from '../../kit/pki/testPki.js';
import { CardError } from './cardError.js';
import { checkHsaId, checkPerson, checkPin } from './cardInput.js';
import type { CertificateIssuer, PersonIdentity } from './certificateIssuer.js';
import { summariseCertificates, type CardSource, type CardSummary } from './cardSource.js';
import { Pkcs11Card, readCertificates } from './pkcs11Card.js';
import { FilePinAttempts } from './pinAttempts.js';
import { findToken, listTokens, loginUser, pkcs11js, withPkcs11Module, withSession, type Pkcs11, type Pkcs11ModuleOptions } from './pkcs11Module.js';
import { deleteSoftHsmToken, findSoftHsmModule, prepareSoftHsmDirectory, SOFTHSM_INSTALL_HINT, useSoftHsmConfig, type SoftHsmPaths } from './softHsmConfig.js';
import { generateRsaKeyPair, importCertificate, initToken, type TokenKeyPair } from './tokenWriter.js';

/** Options of {@link SoftHsmTokenStore.open}. */
export interface SoftHsmTokenStoreOptions {
  /** SoftHSM2 library; default the first of the usual install paths. */
  modulePath?: string;
  /** Issues the card certificates; default the TestPki kept in `<stateDir>/pki`. */
  issuer?: CertificateIssuer;
}

/** Object labels (and usages) of the two key pairs on every card. */
const KEY_PAIRS = [
  { label: 'auth', usage: 'authentication' },
  { label: 'sign', usage: 'signature' },
] as const;

/** SoftHSM2 cards of one state folder. */
export class SoftHsmTokenStore implements CardSource {
  readonly description: string;
  readonly realCards = false;
  readonly paths: SoftHsmPaths;
  /** The SoftHSM2 library in use. */
  readonly modulePath: string;
  private readonly module: Pkcs11ModuleOptions;
  private readonly creating = new Set<string>();

  private constructor(
    private readonly stateDir: string,
    modulePath: string,
    private readonly issuer: CertificateIssuer | undefined,
  ) {
    this.paths = prepareSoftHsmDirectory(path.join(stateDir, 'softhsm'));
    const configPath = this.paths.configPath;
    this.modulePath = modulePath;
    this.module = { modulePath, beforeInitialize: () => useSoftHsmConfig(configPath), installHint: SOFTHSM_INSTALL_HINT };
    this.description = `SoftHSM2 cards in ${this.paths.directory}`;
    this.sweepUnfinished();
  }

  /**
   * The store of `stateDir` (created if missing: `<stateDir>/softhsm/softhsm2.conf` and `tokens/`).
   * @throws {CardError} `moduleMissing` when SoftHSM2 is not installed.
   */
  static open(stateDir: string, options: SoftHsmTokenStoreOptions = {}): SoftHsmTokenStore {
    return new SoftHsmTokenStore(path.resolve(stateDir), findSoftHsmModule(options.modulePath), options.issuer);
  }

  /**
   * Creates a card: a token labelled with the HSA-ID (SO PIN `soPin`, user PIN `pin`), two RSA-2048
   * key pairs generated on it (`auth`, `sign`), their certificates from the PKI stored beside them.
   *
   * The card is made aside, in a SoftHSM2 setup of its own under `<softhsm>/making/`, and its token
   * folder is moved into the store (one `rename`, as `tokens/<HSA-ID>`) only when it is complete.
   * A crash (even SIGKILL) therefore leaves no card, only a folder under `making/` that the next
   * open of the store removes; and of two processes making the same card, one moves it in and the
   * other is told it exists. Blocks the event loop while the keys are generated (about half a second).
   * @throws {CardError} `cardExists`, `invalidInput`, `moduleMissing`, `tokenFailure`.
   */
  async createCard(person: PersonIdentity, pin: string, soPin: string): Promise<CardSummary> {
    checkPerson(person);
    checkPin(pin);
    checkPin(soPin, 'SO PIN');
    const { hsaId } = person;
    if (this.creating.has(hsaId)) throw this.exists(hsaId);
    this.creating.add(hsaId);
    const aside = prepareSoftHsmDirectory(path.join(this.makingDirectory, `${hsaId}.${process.pid}.${randomBytes(4).toString('hex')}`));
    const asideModule: Pkcs11ModuleOptions = { ...this.module, beforeInitialize: () => useSoftHsmConfig(aside.configPath) };
    try {
      if (this.run('finding the card', (p) => findToken(p, hsaId))) throw this.exists(hsaId);
      const keys = this.run(
        'creating the token',
        (p) => {
          const slot = initToken(p, hsaId, soPin, pin);
          return withSession(p, slot, { readWrite: true }, (session) => {
            loginUser(p, session, pin, `new card ${hsaId}`);
            return KEY_PAIRS.map((k) => ({ ...k, pair: generateRsaKeyPair(p, session, k.label) }));
          });
        },
        asideModule,
      );
      const issued: Array<{ label: string; pair: TokenKeyPair; der: Buffer }> = [];
      try {
        const issuer = this.issuer ?? (await TestPki.open(path.join(this.stateDir, 'pki')));
        for (const k of keys) issued.push({ ...k, der: (await issuer.issuePersonCertificate({ publicKey: k.pair.publicKey, person, usage: k.usage })).certificateDer });
      } catch (error) {
        throw new CardError('tokenFailure', `card ${hsaId}: the PKI could not issue its certificates: ${(error as Error).message}`, undefined, { cause: error });
      }
      this.run('storing the certificates', (p) => this.storeCertificates(p, hsaId, pin, issued), asideModule);
      // The person file and the PIN counter first, the token last: the token's arrival is the card's.
      if (this.run('finding the card', (p) => findToken(p, hsaId))) throw this.exists(hsaId);
      this.pinAttempts(hsaId).reset();
      writeFileAtomically(this.personFile(hsaId), `${JSON.stringify({ ...person, createdAt: new Date().toISOString() }, null, 2)}\n`);
      this.moveIn(aside, hsaId);
      const card = this.listCards().find((c) => c.hsaId === hsaId);
      if (!card) throw new CardError('tokenFailure', `card ${hsaId} was created but cannot be read back from ${this.paths.tokenDirectory}`);
      return card;
    } finally {
      fs.rmSync(aside.directory, { recursive: true, force: true });
      this.creating.delete(hsaId);
    }
  }

  /** Every card of the store, by HSA-ID, with its certificates and PIN state. */
  listCards(): CardSummary[] {
    return this.run('listing cards', (p) =>
      listTokens(p)
        .filter((t) => t.initialized)
        .map((t) => {
          const [card] = summariseCertificates(readCertificates(p, t), t.label);
          const person = this.readPerson(t.label);
          const summary: CardSummary = {
            ...(card ?? { tokenLabel: t.label, certificates: [] }),
            ...person,
            hsaId: t.label,
            pin: this.pinAttempts(t.label).state(),
          };
          const missing = KEY_PAIRS.filter((k) => !summary.certificates.some((c) => c.usage === k.usage)).map((k) => k.usage);
          if (missing.length) summary.problem = `no ${missing.join(' or ')} certificate`;
          return summary;
        })
        .sort((a, b) => a.hsaId.localeCompare(b.hsaId)),
    );
  }

  /** Deletes the card's token, its PIN counter and its person file. @throws {CardError} `cardNotFound`. */
  deleteCard(hsaId: string): void {
    checkHsaId(hsaId);
    const present = this.run('finding the card', (p) => findToken(p, hsaId) !== undefined);
    if (!present) throw this.notFound(hsaId);
    this.removeToken(hsaId);
  }

  /** The card with this HSA-ID (checked when it is used). */
  card(hsaId: string): Pkcs11Card {
    return new Pkcs11Card({ ...this.module, tokenLabel: checkHsaId(hsaId), pinAttempts: this.pinAttempts(hsaId) });
  }

  /**
   * Unblocks a locked card like a PUK does: logs in as SO, sets `newPin`, clears the wrong-PIN count.
   * @throws {CardError} `cardNotFound`, `pinIncorrect` (wrong SO PIN).
   */
  unblockCard(hsaId: string, soPin: string, newPin: string): void {
    checkPin(newPin);
    this.run('unblocking the card', (p) => {
      const token = findToken(p, checkHsaId(hsaId));
      if (!token) throw this.notFound(hsaId);
      withSession(p, token.slot, { readWrite: true }, (session) => {
        try {
          p.C_Login(session, pkcs11js.CKU_SO, soPin);
        } catch (error) {
          throw new CardError('pinIncorrect', `wrong SO PIN for card ${hsaId} (${(error as Error).message}); nothing was changed.`);
        }
        p.C_InitPIN(session, newPin);
      });
    });
    this.pinAttempts(hsaId).reset();
  }

  private storeCertificates(p: Pkcs11, hsaId: string, pin: string, issued: Array<{ label: string; pair: TokenKeyPair; der: Buffer }>): void {
    const token = findToken(p, hsaId);
    if (!token) throw this.notFound(hsaId);
    withSession(p, token.slot, { readWrite: true }, (session) => {
      loginUser(p, session, pin, `new card ${hsaId}`);
      for (const c of issued) importCertificate(p, session, { der: c.der, id: c.pair.id, label: c.label });
    });
  }

  /** Moves the one token folder made aside into the store as `tokens/<hsaId>` (atomic; refuses to replace). */
  private moveIn(aside: SoftHsmPaths, hsaId: string): void {
    const [made, ...more] = fs.readdirSync(aside.tokenDirectory);
    if (!made || more.length) throw new CardError('tokenFailure', `card ${hsaId}: expected one token folder in ${aside.tokenDirectory}, found ${[made, ...more].filter(Boolean).length}`);
    try {
      fs.renameSync(path.join(aside.tokenDirectory, made), path.join(this.paths.tokenDirectory, hsaId));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') throw this.exists(hsaId);
      throw new CardError('tokenFailure', `card ${hsaId}: cannot move the finished token into ${this.paths.tokenDirectory}: ${(error as Error).message}`, undefined, { cause: error });
    }
  }

  /** Removes what crashed card creations left under `making/` (their process is gone). */
  private sweepUnfinished(): void {
    let entries: string[];
    try {
      entries = fs.readdirSync(this.makingDirectory);
    } catch {
      return;
    }
    for (const entry of entries) {
      const pid = Number(entry.split('.')[1]);
      if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid)) continue;
      fs.rmSync(path.join(this.makingDirectory, entry), { recursive: true, force: true });
    }
  }

  private get makingDirectory(): string {
    return path.join(this.paths.directory, 'making');
  }

  private removeToken(hsaId: string): void {
    if (this.run('finding the card', (p) => findToken(p, hsaId) !== undefined)) deleteSoftHsmToken(this.paths.configPath, hsaId);
    this.pinAttempts(hsaId).reset();
    fs.rmSync(this.personFile(hsaId), { force: true });
  }

  private readPerson(hsaId: string): Partial<PersonIdentity> {
    try {
      const { givenName, surname, personId } = JSON.parse(fs.readFileSync(this.personFile(hsaId), 'utf8')) as Partial<PersonIdentity>;
      return Object.fromEntries(Object.entries({ givenName, surname, personId }).filter(([, v]) => typeof v === 'string'));
    } catch {
      return {}; // the certificates still name the person
    }
  }

  private personFile(hsaId: string): string {
    fs.mkdirSync(path.join(this.paths.directory, 'cards'), { recursive: true });
    return path.join(this.paths.directory, 'cards', `${hsaId}.json`);
  }

  private pinAttempts(hsaId: string): FilePinAttempts {
    return new FilePinAttempts(path.join(this.paths.directory, 'cards', `${hsaId}.pin-attempts.json`));
  }

  private run<T>(step: string, work: (p: Pkcs11) => T, module: Pkcs11ModuleOptions = this.module): T {
    try {
      return withPkcs11Module(module, work);
    } catch (error) {
      if (error instanceof CardError) throw error;
      throw new CardError('tokenFailure', `SoftHSM2 failed while ${step} in ${this.paths.directory}: ${(error as Error).message}`, undefined, { cause: error });
    }
  }

  private exists(hsaId: string): CardError {
    return new CardError('cardExists', `a card with HSA-ID ${hsaId} already exists in ${this.paths.directory}; delete it first (samverkan card delete --hsa-id ${hsaId}) or use another HSA-ID.`);
  }

  private notFound(hsaId: string): CardError {
    return new CardError('cardNotFound', `no card with HSA-ID ${hsaId} in ${this.paths.directory}; samverkan card list shows the cards there.`);
  }
}

/** Writes `file` through a temporary file and a rename, so a reader never sees half of it. */
function writeFileAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, file);
}

/** True when a process with this pid runs (EPERM: it runs, as another user). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
