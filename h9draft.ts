import { VirtualClock } from './simulators/kit/clock/virtualClock.js';
import { JournalUser } from './simulators/journal/launch/journalUser.js';
const user = new JournalUser({ clock: new VirtualClock({ mode: 'realtime' }), createDraftUrl: process.argv[2]!, user: { hsaId: 'TSTNMT2321000156-1079', fullName: 'Ajla Doktor' }, unit: { hsaId: 'TSTNMT2321000156-INT2', name: 'Vårdcentralen Samverkan' } });
console.log(JSON.stringify(await user.createDraft({ typeCode: 'LISJP', patient: { personId: '191212121212', fornamn: 'Tolvan', efternamn: 'Tolvansson' }, ref: 'vk-1' })));
process.exit(0);
