/**
 * The forum's dialog texts as the project holds them (forum-dialogs-2022-05-30.txt, an excerpt of
 * the minutes of användarforum Webcert 2022-05-30, section 8b, word for word), and the same lines
 * read from a dialog as the browser shows it, so that a test can compare the two.
 */
import { readFileSync } from 'node:fs';
import type { Locator } from '@playwright/test';

const EXCERPT = new URL('./forum-dialogs-2022-05-30.txt', import.meta.url);

/** The titles of the dialogs the excerpt holds. */
export type ForumDialogTitle = 'Ersätt intyg' | 'Makulera intyg';

/**
 * The lines of one dialog in the minutes, in order: title, paragraphs, question and choices, and
 * the buttons as one line ("Ersätt Avbryt").
 */
export function forumDialogLines(title: ForumDialogTitle): string[] {
  const lines = readFileSync(EXCERPT, 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  const start = lines.indexOf(title);
  if (start < 0) throw new Error(`the excerpt ${EXCERPT.pathname} has no dialog titled "${title}"`);
  const end = lines.findIndex((l, i) => i > start && / Avbryt$/.test(l));
  if (end < 0) throw new Error(`the dialog "${title}" in ${EXCERPT.pathname} has no buttons line ending in " Avbryt"`);
  return lines.slice(start, end + 1);
}

/**
 * What an open dialog shows, line by line as a reader meets it: its heading, each visible
 * paragraph and choice, and the buttons of its button row joined by a space.
 */
export async function shownDialogLines(dialog: Locator): Promise<string[]> {
  return dialog.locator('h2:visible, p:visible, label:visible').allInnerTexts();
}
