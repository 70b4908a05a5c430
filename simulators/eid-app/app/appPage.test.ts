import { test, expect } from '@playwright/test';
import type { TestPki } from '../../kit/pki/testPki.js';
import { challenge, type EidAppHarness, PEOPLE, PIN, sharedTestPki, startEidApp } from '../eidAppTestSupport.js';
import { htmlEscape } from './appPage.js';

let pki: TestPki;
test.beforeAll(async () => {
  pki = await sharedTestPki();
});

let h: EidAppHarness | undefined;
test.afterEach(async () => {
  await h?.stop();
  h = undefined;
});

test.describe('eID app page (manual mode)', () => {
  test('shows the pending order with requester, type and sign text; a wrong PIN, then the right one, completes it', async () => {
    h = await startEidApp(pki, { mode: 'manual' });
    expect((await h.call('GET', '/app')).text).toContain('id="inga-bestallningar"');
    const signMessage = 'Jag skriver under <dödsbevis> för 19121212-1212 & bekräftar';
    const started = await h.call('POST', '/api/v1/orders', { type: 'sign', challenge: challenge().base64, signMessage, requesterName: 'Underskriftstjänsten (test)' });
    const ref = started.json.orderRef as string;
    const poll = async () => (await h!.call('GET', `/api/v1/orders/${ref}`)).json;
    expect(await poll()).toMatchObject({ status: 'pending', hintCode: 'outstandingTransaction' });

    const page = await h.call('GET', '/app');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<html lang="sv">');
    expect(page.text).toContain(`Kort i läsaren: ${PEOPLE.anna.hsaId} (Anna Läkare)`);
    expect(page.text).toContain('Läge: manuellt');
    expect(page.text).toContain(`data-order-ref="${ref}"`);
    expect(page.text).toContain('Underskriftstjänsten (test) vill att du skriver under.');
    expect(page.text).toContain(`<blockquote class="signeringstext" id="text-${ref}">${htmlEscape(signMessage)}</blockquote>`);
    expect(page.text).toContain(`<label for="pin-${ref}">PIN-kod</label>`);
    expect(page.text).toContain(`<button type="submit" id="godkann-${ref}">Signera</button>`);
    expect(page.text).toContain(`<button type="submit" id="avbryt-${ref}">Avbryt</button>`);
    expect(await poll()).toMatchObject({ status: 'pending', hintCode: 'userSign' });

    const wrong = await h.call('POST', `/app/orders/${ref}/approve`, 'pin=0000');
    expect(wrong.status).toBe(303);
    const after = await h.call('GET', wrong.headers.get('location')!);
    expect(after.text).toContain('<p id="resultat" role="status">Fel PIN-kod. 2 försök kvar.</p>');
    expect(await poll()).toMatchObject({ status: 'pending', hintCode: 'wrongPin', attemptsLeft: 2 });

    const right = await h.call('POST', `/app/orders/${ref}/approve`, `pin=${PIN}`);
    expect(decodeURIComponent(right.headers.get('location')!)).toContain('resultat=Underskriften är klar.');
    expect(await poll()).toMatchObject({ status: 'complete', completion: { hsaId: PEOPLE.anna.hsaId } });
    expect((await h.call('GET', '/app')).text).toContain('id="inga-bestallningar"');
    expect(h.journal.query({ operation: 'AppApprove' }).map((e) => e.httpStatus)).toEqual([303, 303]);
  });

  test('Avbryt cancels the order (userCancel); the page filters by autoStartToken; an unknown order is a 404 page', async () => {
    h = await startEidApp(pki, { mode: 'manual' });
    const first = await h.call('POST', '/api/v1/orders', { type: 'auth', challenge: challenge().base64, requesterName: 'Inera IdP (test)' });
    const second = await h.call('POST', '/api/v1/orders', { type: 'auth', challenge: challenge().base64, requesterName: 'Annan tjänst' });
    const filtered = await h.call('GET', `/app?autoStartToken=${second.json.autoStartToken}`);
    expect(filtered.text).toContain(`data-order-ref="${second.json.orderRef}"`);
    expect(filtered.text).not.toContain(`data-order-ref="${first.json.orderRef}"`);
    expect(filtered.text).toContain(`id="godkann-${second.json.orderRef}">Legitimera</button>`);

    const cancelled = await h.call('POST', `/app/orders/${first.json.orderRef}/cancel`);
    expect(cancelled.status).toBe(303);
    expect((await h.call('GET', `/api/v1/orders/${first.json.orderRef}`)).json).toMatchObject({ status: 'failed', hintCode: 'userCancel' });
    expect((await h.call('GET', cancelled.headers.get('location')!)).text).toContain('Legitimeringen avbröts.');
    const missing = await h.call('POST', '/app/orders/nope/approve', 'pin=1234');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('finns inte');
  });

  test('an order for another card is refused as cardMismatch when the user approves it', async () => {
    h = await startEidApp(pki, { mode: 'manual', people: ['anna', 'bo'] });
    const started = await h.call('POST', '/api/v1/orders', { type: 'auth', hsaId: PEOPLE.bo.hsaId, challenge: challenge().base64, requesterName: 'Inera IdP (test)' });
    const answer = await h.call('POST', `/app/orders/${started.json.orderRef}/approve`, `pin=${PIN}`);
    expect(decodeURIComponent(answer.headers.get('location')!)).toContain(`hör inte till beställningen (den gäller ${PEOPLE.bo.hsaId})`);
    expect((await h.call('GET', `/api/v1/orders/${started.json.orderRef}`)).json).toMatchObject({ status: 'failed', hintCode: 'cardMismatch' });
  });
});
