import { expect, test } from '@playwright/test';
import { arendeCounts, offersHandle, offersReopen, type Arende } from './arende.js';

const a = (over: Partial<Arende>): Arende => ({ meddelandeId: 'm', amne: 'OVRIGT', meddelande: 't', skickatAv: 'FK', skickatTidpunkt: 0, status: 'PENDING_INTERNAL_ACTION', ...over });

test('counts as Webcert does: answers and reminders skipped; closed = hanterade, answered = besvarade, else ejBesvarade', () => {
  const arenden = [
    a({ meddelandeId: 'fk1' }),
    a({ meddelandeId: 'fk2', status: 'CLOSED' }),
    a({ meddelandeId: 'svar-fk2', skickatAv: 'WC', svarPaId: 'fk2', status: 'CLOSED' }),
    a({ meddelandeId: 'pam', amne: 'PAMINN', paminnelseMeddelandeId: 'fk1' }),
    a({ meddelandeId: 'wc1', skickatAv: 'WC', status: 'ANSWERED' }),
    a({ meddelandeId: 'svar-wc1', svarPaId: 'wc1', status: 'ANSWERED' }),
    a({ meddelandeId: 'wc2', skickatAv: 'WC', status: 'PENDING_EXTERNAL_ACTION' }),
  ];
  expect(arendeCounts(arenden)).toEqual({
    skickadeFragor: { totalt: 2, ejBesvarade: 1, besvarade: 1, hanterade: 0 },
    mottagnaFragor: { totalt: 2, ejBesvarade: 1, besvarade: 0, hanterade: 1 },
  });
  expect(arendeCounts([])).toEqual({ skickadeFragor: { totalt: 0, ejBesvarade: 0, besvarade: 0, hanterade: 0 }, mottagnaFragor: { totalt: 0, ejBesvarade: 0, besvarade: 0, hanterade: 0 } });
});

test('the "Hanterad" checkbox where Webcert offers HANDLE_QUESTION: sent by care or unanswered, and unhandled or not a KOMPLT', () => {
  const svar = (to: string, from: 'FK' | 'WC') => a({ meddelandeId: `svar-${to}`, skickatAv: from, svarPaId: to, status: 'CLOSED' });
  const cases: [string, Arende, Arende[], boolean][] = [
    ['FK, open', a({}), [], true],
    ['FK, handled without an answer', a({ status: 'CLOSED' }), [], true],
    ['FK, answered (FS-011)', a({ status: 'CLOSED' }), [svar('m', 'WC')], false],
    ['care, open', a({ skickatAv: 'WC', status: 'PENDING_EXTERNAL_ACTION' }), [], true],
    ['care, answered', a({ skickatAv: 'WC', status: 'ANSWERED' }), [svar('m', 'FK')], true],
    ['care, answered and handled', a({ skickatAv: 'WC', status: 'CLOSED' }), [svar('m', 'FK')], true],
    ['KOMPLT, open', a({ amne: 'KOMPLT' }), [], true],
    ['KOMPLT, handled', a({ amne: 'KOMPLT', status: 'CLOSED' }), [], false],
  ];
  for (const [name, q, others, offered] of cases) {
    const all = [q, ...others];
    expect([name, offersHandle(q, all), offersReopen(q, all)]).toEqual([name, offered, q.status === 'CLOSED' && offered]);
  }
});
