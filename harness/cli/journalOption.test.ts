import { test, expect } from '@playwright/test';
import { parseJournalChoice } from './journalOption.js';
import { journalOptions } from './upCommand.js';

const RECEIVER_PATH = '/clinicalprocess/healthcond/certificate/CertificateStatusUpdateForCare/3/rivtabp21';

test('--journal sim | external:<url>: a base URL gets the RIV-TA path, a receiver URL is used as given', () => {
  expect(parseJournalChoice('sim')).toEqual({ mode: 'simulated' });
  expect(parseJournalChoice('external:http://127.0.0.1:8080')).toEqual({ mode: 'external', url: 'http://127.0.0.1:8080', receiver: `http://127.0.0.1:8080${RECEIVER_PATH}` });
  expect(parseJournalChoice('external:http://127.0.0.1:8080/')).toMatchObject({ receiver: `http://127.0.0.1:8080${RECEIVER_PATH}` });
  expect(parseJournalChoice('external:http://127.0.0.1:8080/ws/statusupdate')).toMatchObject({ receiver: 'http://127.0.0.1:8080/ws/statusupdate' });
});

test('--journal with anything else says which forms it takes', () => {
  expect(() => parseJournalChoice('cosmic')).toThrow('--journal "cosmic" is not a journal system; use sim (the journal-system simulator) or external:<url> (a real one: its base URL or its status-update receiver URL).');
  expect(() => parseJournalChoice('external:127.0.0.1:8080')).toThrow('--journal external:127.0.0.1:8080: "127.0.0.1:8080" is not a URL; write e.g. external:http://127.0.0.1:8080.');
  expect(() => parseJournalChoice('external:')).toThrow('--journal external:: "" is not a URL; write e.g. external:http://127.0.0.1:8080.');
  expect(() => parseJournalChoice('external:https://journal.example.invalid')).toThrow(/sends status updates over plain http only \(not https\)/);
});

test('up: --journal names the journal system; a file there is still the traffic journal, with a note; contradictions are refused', () => {
  expect(journalOptions({})).toEqual({ journal: undefined, trafficJournal: 'reports/out/journal.sqlite' });
  expect(journalOptions({ journal: 'external:http://127.0.0.1:8080', 'traffic-journal': ':memory:' })).toEqual({
    journal: { mode: 'external', url: 'http://127.0.0.1:8080', receiver: `http://127.0.0.1:8080${RECEIVER_PATH}` },
    trafficJournal: ':memory:',
  });
  expect(journalOptions({ journal: 'sim' }).journal).toEqual({ mode: 'simulated' });
  expect(journalOptions({ 'journal-url': 'http://127.0.0.1:8080' }).journal).toMatchObject({ mode: 'external', url: 'http://127.0.0.1:8080' });

  const notes: string[] = [];
  const original = console.error;
  console.error = (line: string) => void notes.push(line);
  try {
    expect(journalOptions({ journal: 'reports/out/old.sqlite' })).toEqual({ journal: undefined, trafficJournal: 'reports/out/old.sqlite' });
  } finally {
    console.error = original;
  }
  expect(notes).toEqual([expect.stringContaining('--journal reports/out/old.sqlite is read as the traffic-journal file; that option is now --traffic-journal')]);

  expect(() => journalOptions({ journal: 'old.sqlite', 'traffic-journal': 'new.sqlite' })).toThrow(/use --traffic-journal for the file/);
  expect(() => journalOptions({ journal: 'external:http://127.0.0.1:8080', 'journal-url': 'http://127.0.0.1:9090' })).toThrow(/name different journal systems/);
});
