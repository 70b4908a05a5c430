/**
 * `samverkan card`: simulated SITHS cards (SoftHSM2 tokens) in the state folder: create one with
 * an authentication and a signature certificate from the test PKI, list them, delete one.
 */
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { CardSummary } from '../../simulators/eid-app/token/cardSource.js';
import { DEFAULT_STATE_DIR } from '../topology/topologyConfig.js';

/** The card layer, loaded when a card command runs (PKCS#11 and the test PKI are slow to load). */
const cards = async () => {
  const [input, store] = await Promise.all([import('../../simulators/eid-app/token/cardInput.js'), import('../../simulators/eid-app/token/softHsmTokenStore.js')]);
  return { ...input, SoftHsmTokenStore: store.SoftHsmTokenStore };
};

interface CardArgs {
  'state-dir': string;
  'softhsm-module'?: string;
}
interface CreateArgs extends CardArgs {
  'hsa-id': string;
  'given-name': string;
  surname: string;
  'person-id'?: string;
  pin: string;
  'so-pin': string;
}
interface ListArgs extends CardArgs {
  json: boolean;
}
interface DeleteArgs extends CardArgs {
  'hsa-id': string;
}

/** Options every card subcommand takes (declared on each, so help lists them once). */
function withCommonOptions<T>(y: Argv<T>) {
  return y
    .option('state-dir', { type: 'string', default: DEFAULT_STATE_DIR, describe: 'State folder; the cards live in <state-dir>/softhsm, the test PKI in <state-dir>/pki' })
    .option('softhsm-module', { type: 'string', describe: 'Path of libsofthsm2.so when it is not in a usual place' });
}

/**
 * True when yargs already refused a missing required option: a `.fail` handler that does not throw
 * (as in main.ts) lets yargs go on to the command handler, which must then do nothing.
 */
const missingRequired = (...values: Array<string | undefined>) => values.some((v) => v === undefined);

const openStore = async (args: CardArgs) => (await cards()).SoftHsmTokenStore.open(path.resolve(args['state-dir']), { modulePath: args['softhsm-module'] });

function describeCard(card: CardSummary): string[] {
  const name = [card.givenName, card.surname].filter(Boolean).join(' ') || '(no name)';
  const pin = card.pin ? (card.pin.locked ? 'PIN LOCKED' : card.pin.failedAttempts ? `${card.pin.failedAttempts} wrong PIN(s)` : 'PIN ok') : '';
  return [
    `${card.hsaId.padEnd(24)} ${name}${card.personId ? `, ${card.personId}` : ''}  ${pin}`,
    ...(card.problem ? [`  HALF-MADE (${card.problem}): unusable; make it again with samverkan card delete --hsa-id ${card.hsaId}, then samverkan card create (samverkan up repairs its own cards at start)`] : []),
    ...card.certificates.map((c) => `  ${c.usage.padEnd(15)} certificate, CKA_ID ${c.keyId.slice(0, 16)}…, valid to ${c.notAfter.toISOString().slice(0, 10)}`),
  ];
}

function create(setExit: (code: number) => void): CommandModule<object, CreateArgs> {
  return {
    command: 'create',
    describe: 'Create a card: a SoftHSM2 token labelled with the HSA-ID, two RSA-2048 key pairs made on it, and their certificates from the test PKI',
    builder: (y) =>
      withCommonOptions(y)
        .option('hsa-id', { type: 'string', demandOption: true, describe: 'HSA-ID of the card holder (subject serialNumber, token label), e.g. SE2321000016-1003' })
        .option('given-name', { type: 'string', demandOption: true, describe: 'Given name (GN)' })
        .option('surname', { type: 'string', demandOption: true, describe: 'Surname (SN)' })
        .option('person-id', { type: 'string', describe: 'Personnummer, 12 digits (kept beside the card; not in the certificates)' })
        .option('pin', { type: 'string', default: '1234', describe: 'User PIN (4 to 32 characters)' })
        .option('so-pin', { type: 'string', default: '12345678', describe: 'SO PIN (the PUK that unblocks a locked card)' })
        .example('$0 card create --hsa-id SE2321000016-1003 --given-name Anna --surname Läkare', 'a card with PIN 1234'),
    handler: async (args) => {
      if (missingRequired(args['hsa-id'], args['given-name'], args.surname)) return;
      const { checkPerson, checkPin } = await cards();
      const person = checkPerson({ hsaId: args['hsa-id'], givenName: args['given-name'], surname: args.surname, ...(args['person-id'] ? { personId: args['person-id'] } : {}) });
      checkPin(args.pin);
      checkPin(args['so-pin'], 'SO PIN');
      const store = await openStore(args);
      const card = await store.createCard(person, args.pin, args['so-pin']);
      console.log(`samverkan: card ${card.hsaId} created in ${store.paths.directory}`);
      for (const line of describeCard(card)) console.log(`  ${line}`);
      console.log(`  PIN ${args.pin}; SO PIN ${args['so-pin']}; three wrong PINs in a row lock the card`);
      console.log(`  inspect: SOFTHSM2_CONF=${store.paths.configPath} pkcs11-tool --module ${store.modulePath} --token-label ${card.hsaId} -O`);
      setExit(0);
    },
  };
}

function list(setExit: (code: number) => void): CommandModule<object, ListArgs> {
  return {
    command: 'list',
    describe: 'List the cards of the state folder: HSA-ID, name, certificates, PIN state',
    builder: (y) => withCommonOptions(y).option('json', { type: 'boolean', default: false, describe: 'Print JSON (with the certificates in PEM)' }),
    handler: async (args) => {
      const store = await openStore(args);
      const list = store.listCards();
      if (args.json) console.log(JSON.stringify(list, null, 2));
      else if (!list.length) console.log(`samverkan: no cards in ${store.paths.directory}; create one with: samverkan card create --hsa-id <HSA-ID> --given-name <name> --surname <name>`);
      else {
        console.log(`samverkan: ${list.length} card(s) in ${store.paths.directory}`);
        for (const card of list) for (const line of describeCard(card)) console.log(`  ${line}`);
      }
      setExit(0);
    },
  };
}

function remove(setExit: (code: number) => void): CommandModule<object, DeleteArgs> {
  return {
    command: 'delete',
    describe: 'Delete a card (its token, keys, certificates and PIN counter)',
    builder: (y) => withCommonOptions(y).option('hsa-id', { type: 'string', demandOption: true, describe: 'HSA-ID of the card to delete' }),
    handler: async (args) => {
      if (missingRequired(args['hsa-id'])) return;
      (await cards()).checkHsaId(args['hsa-id']);
      const store = await openStore(args);
      store.deleteCard(args['hsa-id']);
      console.log(`samverkan: card ${args['hsa-id']} deleted from ${store.paths.directory}`);
      setExit(0);
    },
  };
}

/** The `card` command with its subcommands `create`, `list` and `delete`. */
export function cardCommand(setExit: (code: number) => void): CommandModule<object, object> {
  return {
    command: 'card',
    describe: 'Simulated SITHS cards (SoftHSM2 tokens with an authentication and a signature certificate): create, list, delete',
    builder: (y) =>
      y
        .command(create(setExit))
        .command(list(setExit))
        .command(remove(setExit))
        .demandCommand(1, 'Name a card command: create, list or delete (see samverkan card --help).')
        .epilog(`Every subcommand takes --state-dir (default ${DEFAULT_STATE_DIR}) and --softhsm-module. Needs SoftHSM2: apt-get install softhsm2 opensc.`),
    handler: () => {
      // a subcommand always runs (demandCommand)
    },
  };
}
