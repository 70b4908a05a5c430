/**
 * A lean operation whose logic still asks for the DOM or the fetch Request gets them, made on first
 * use; a request the scan leaves undecided reaches the logic through the strict reader, without
 * `fields`.
 */
import { test, expect } from '@playwright/test';
import { VirtualClock } from '../clock/virtualClock.js';
import { PartyServer } from '../network/partyServer.js';
import { childText } from '../xml/dom.js';
import { buildEnvelope } from './envelope.js';
import { OK } from './resultType.js';
import { soapOperationHandler } from './soapOperation.js';

const NS = 'urn:samverkan:test:EchoResponder:1';

test('the logic of a lean operation can read the DOM and the Request; undecided requests come without fields', async () => {
  const server = await PartyServer.start({
    party: 'test',
    clock: new VirtualClock({ mode: 'manual' }),
    handlers: [
      soapOperationHandler({
        party: 'test',
        operation: 'Echo',
        path: '/echo',
        requestNs: NS,
        requestElement: 'Echo',
        responseNs: NS,
        responseElement: 'EchoResponse',
        badInput: 'soapFault',
        requireLogicalAddress: false,
        facts: () => ({}),
        lean: { fields: { text: [[NS, 'text']] }, facts: () => ({}) },
        handle: (context) => {
          const seen = [context.fields ? `fields:${context.fields.text}` : 'no fields', `dom:${childText(context.payload, NS, 'text')}`, `root:${context.doc.documentElement?.localName}`, `method:${context.request.method}`];
          return { result: OK, beforeResult: `<tns:seen>${seen.join(' ')}</tns:seen>` };
        },
      }),
    ],
  });
  try {
    const post = async (body: string) => (await (await fetch(`${server.url}/echo`, { method: 'POST', body })).text()).match(/<tns:seen>(.*)<\/tns:seen>/)?.[1];
    expect(await post(buildEnvelope(`<e:Echo xmlns:e="${NS}"><e:text>hej</e:text></e:Echo>`))).toBe('fields:hej dom:hej root:Envelope method:POST');
    // CDATA is left to the strict reader: the logic gets the DOM only.
    expect(await post(buildEnvelope(`<e:Echo xmlns:e="${NS}"><e:text><![CDATA[hej]]></e:text></e:Echo>`))).toBe('no fields dom:hej root:Envelope method:POST');
  } finally {
    await server.stop();
  }
});
