/**
 * Which Playwright scenarios an automated case runs, by tag: the `--grep` expression Playwright
 * applies to a test's title path and tags, and the same choice made on a test's tag list (so the
 * session reporter can tell which case a test belongs to without a second opinion).
 */

/** Tags a case picks: any of `anyTags`, all of `allTags`, none of `noTags`. */
export interface TagSelection {
  anyTags: readonly string[];
  allTags: readonly string[];
  noTags: readonly string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A tag as a whole word: `@sign` does not match `@sign-later`. */
const whole = (tag: string) => `${escape(tag)}(?![\\w-])`;

/** The `--grep` regular expression (source) for one selection; matches case-insensitively, as Playwright does. */
export function grepFor(selection: TagSelection): string {
  let re = '^';
  for (const tag of selection.noTags) re += `(?!.*${whole(tag)})`;
  if (selection.anyTags.length) re += `(?=.*(?:${selection.anyTags.map(escape).join('|')})(?![\\w-]))`;
  for (const tag of selection.allTags) re += `(?=.*${whole(tag)})`;
  return re;
}

/** One `--grep` for several selections (a test matching any of them runs). */
export function grepForAny(selections: readonly TagSelection[]): string {
  return selections.map((s) => `(?:${grepFor(s)})`).join('|');
}

/** Whether a test with these tags (e.g. `['@sign', '@LISJP']`) belongs to the selection. */
export function selects(selection: TagSelection, tags: readonly string[]): boolean {
  const has = (tag: string) => tags.some((t) => t.toLowerCase() === tag.toLowerCase());
  if (selection.noTags.some(has)) return false;
  if (selection.anyTags.length && !selection.anyTags.some(has)) return false;
  return selection.allTags.every(has);
}

/** `@launch, ej @sign` – a selection in words, for plans and protocols. */
export function describeSelection(selection: TagSelection): string {
  const parts: string[] = [];
  if (selection.anyTags.length) parts.push(selection.anyTags.join(' eller '));
  if (selection.allTags.length) parts.push(selection.allTags.join(' och '));
  if (selection.noTags.length) parts.push(`ej ${selection.noTags.join(', ')}`);
  return parts.join('; ');
}
