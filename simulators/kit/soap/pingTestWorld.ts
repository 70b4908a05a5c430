/**
 * A test world for soapOperationHandler: a made-up `Ping` operation served by a real PartyServer
 * on 127.0.0.1 with a journal and fault rules, and helpers to call it and read what happened; each
 * style of answer on two paths ({@link PING_PATHS}): the DOM read through msw, and the lean path.
 * `pingWorld()` registers the Playwright hooks of the calling test file.
 */
import type { Element } from '@xmldom/xmldom';
import { test } from '@playwright/test';
import { VirtualClock } from '../clock/virtualClock.js';
import type { FaultEffect } from '../faults/faultRule.js';
import { FaultRules } from '../faults/faultRules.js';
import type { JournalEntry } from '../journal/exchange.js';
import { TrafficJournal } from '../journal/trafficJournal.js';
import { CALLER_HEADER } from '../network/exchangeNotes.js';
import { PartyServer } from '../network/partyServer.js';
import { childText } from '../xml/dom.js';
import { parseXmlSafely } from '../xml/safeXml.js';
import { buildEnvelope, SOAP11_NS } from './envelope.js';
import { readResult, type Result } from './resultType.js';
import { soapOperationHandler, SoapRequestError } from './soapOperation.js';
import type { SoapOperationSpec } from './soapOperationSpec.js';

export const NS = 'urn:samverkan:test:PingResponder:1';
export const START = Date.parse('2026-03-02T09:00:00Z');
export const LA = 'TSTNMT2321000156-ALFA';

/** The two ways a Ping is served, each in both styles of answer (SOAP Fault, ResultType ERROR). */
export const PING_PATHS = [
  { name: 'DOM, msw', soapFault: '/ping', resultType: '/ping-rt' },
  { name: 'lean', soapFault: '/ping-lean', resultType: '/ping-rt-lean' },
] as const;

/** Ping on the lean path: the three fields, and the facts from them. */
const PING_LEAN: SoapOperationSpec['lean'] = {
  fields: { intygsId: [[NS, 'intygsId']], personId: [[NS, 'personId']], text: [[NS, 'text']] },
  facts: (fields, logicalAddress) => ({ logicalAddress, certificateId: fields.intygsId?.trim(), personId: fields.personId?.trim() }),
};

/** A made-up operation: `Ping` carries intygsId, personId and text; answers OK with an echo. */
function pingSpec(overrides: Partial<SoapOperationSpec>): SoapOperationSpec {
  return {
    party: 'journal',
    operation: 'Ping',
    path: '/ping',
    requestNs: NS,
    requestElement: 'Ping',
    responseNs: NS,
    responseElement: 'PingResponse',
    badInput: 'soapFault',
    requireLogicalAddress: true,
    facts: (payload: Element, logicalAddress) => ({
      logicalAddress,
      certificateId: childText(payload, NS, 'intygsId'),
      personId: childText(payload, NS, 'personId'),
    }),
    handle: ({ payload, fields }) => {
      const text = (fields ? fields.text?.trim() : childText(payload, NS, 'text')) ?? '';
      if (text === 'wrong') throw new SoapRequestError('text "wrong" is not allowed');
      if (text === 'crash') throw new Error('database is gone');
      return { result: { resultCode: 'OK' }, beforeResult: `<tns:echo>${text}</tns:echo>` };
    },
    ...overrides,
  };
}

export const ping = (text = 'hej', la: string | null = LA) =>
  buildEnvelope(
    `<p:Ping xmlns:p="${NS}"><p:intygsId>c-1</p:intygsId><p:personId>19121212-1212</p:personId><p:text>${text}</p:text></p:Ping>`,
    la ?? undefined,
  );

/** Starts the server for the calling test file (beforeAll) and hands back the world. */
export function pingWorld() {
  let server: PartyServer;
  let journal: TrafficJournal;
  const faults = new FaultRules();
  let lastId = 0;
  test.beforeAll(async () => {
    journal = TrafficJournal.open({ path: ':memory:' });
    server = await PartyServer.start({
      party: 'journal',
      clock: new VirtualClock({ mode: 'manual', start: START }),
      journal,
      hardLimitBytes: 64 * 1024,
      handlers: [
        soapOperationHandler(pingSpec({ faults })),
        soapOperationHandler(pingSpec({ path: '/ping-rt', badInput: 'resultType', faults })),
        soapOperationHandler(pingSpec({ path: '/ping-lean', faults, lean: PING_LEAN })),
        soapOperationHandler(pingSpec({ path: '/ping-rt-lean', badInput: 'resultType', faults, lean: PING_LEAN })),
      ],
    });
  });

  test.afterAll(async () => {
    await server?.stop();
    journal?.close();
  });

  test.beforeEach(() => {
    faults.clear();
    lastId = journal.query().at(-1)?.id ?? 0;
  });

  async function post(body: string | Buffer, path = '/ping', init: RequestInit = {}) {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', [CALLER_HEADER]: 'webcert' },
      body: typeof body === 'string' ? body : new Uint8Array(body),
      ...init,
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  function resultOf(text: string): { result: Result; echo?: string } {
    const doc = parseXmlSafely(text);
    const body = doc.getElementsByTagNameNS(SOAP11_NS, 'Body').item(0)!;
    const response = body.getElementsByTagNameNS(NS, 'PingResponse').item(0)!;
    const resultEl = response.getElementsByTagNameNS(NS, 'result').item(0)!;
    return { result: readResult(resultEl), echo: childText(response, NS, 'echo') };
  }

  /** The journal entries written since the test began. */
  function newEntries(): JournalEntry[] {
    return journal.query({ afterId: lastId });
  }

  /** Waits (bounded) until the journal has `n` new entries; for exchanges the client gave up on. */
  async function entriesEventually(n: number): Promise<JournalEntry[]> {
    for (let i = 0; i < 100 && newEntries().length < n; i++) await new Promise((r) => setTimeout(r, 20));
    return newEntries();
  }

  const addFault = (effect: FaultEffect, extra: { times?: number } = {}) =>
    faults.add({ party: 'journal', operation: 'Ping', effect, ...extra });

  return {
    get server() {
      return server;
    },
    get journal() {
      return journal;
    },
    faults,
    post,
    resultOf,
    newEntries,
    entriesEventually,
    addFault,
  };
}
