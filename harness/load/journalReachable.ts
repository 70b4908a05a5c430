/** The check that an external journal system answers, before a replay starts anything. */
import { LoadInputError } from './monthPlan.js';

/** Checks that the external journal system answers at all (any HTTP answer will do), at once. @throws {LoadInputError} */
export async function journalReachable(url: string): Promise<void> {
  try {
    await fetch(url, { method: 'GET', signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.message : String(error));
    throw new LoadInputError(`the journal system at ${url} cannot be reached (${cause}); start it (e.g. node standin/journal-system/main.js) and give its URL, or use --journal sim`);
  }
}
