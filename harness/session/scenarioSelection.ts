/**
 * Which Playwright project and files a run of the reference suite names. Flows and incidents are
 * one project, `scenarios`, so that they share the workers (docs/decisions/0045-one-scenario-project.md);
 * a user may still ask for one part by its old name (`samverkan run --project incidents`): it
 * becomes the `scenarios` project with a path filter on that folder.
 */

/** The Playwright project of the reference suite: `scenarios/flows` and `scenarios/incidents`. */
export const SCENARIO_PROJECT = 'scenarios';

/** The parts of the reference suite a user may name, and their folders (Playwright path filters). */
export const SCENARIO_PARTS: Readonly<Record<string, string>> = {
  flows: 'scenarios/flows/',
  incidents: 'scenarios/incidents/',
};

/** Playwright's `--project` values and path filters (empty: every file of those projects). */
export interface PlaywrightSelection {
  projects: string[];
  paths: string[];
}

/**
 * Turns the names a user gave (projects of playwright.config.ts, or `flows` / `incidents`) into
 * Playwright's arguments; no name means the whole reference suite.
 * @throws Error when a part is named together with another project (a path filter would apply to
 *   both), saying how to run them.
 */
export function playwrightSelection(names: readonly string[] = []): PlaywrightSelection {
  const unique = [...new Set(names.length ? names : [SCENARIO_PROJECT])];
  const parts = unique.filter((n) => n in SCENARIO_PARTS);
  if (parts.length === 0) return { projects: unique, paths: [] };
  const others = unique.filter((n) => !(n in SCENARIO_PARTS) && n !== SCENARIO_PROJECT);
  if (others.length) {
    throw new Error(
      `${parts.join(' and ')} ${parts.length > 1 ? 'are parts' : 'is a part'} of the project "${SCENARIO_PROJECT}" and cannot be run together with ${others.join(', ')}: ` +
        `run them one after the other, or the whole suite with --project ${SCENARIO_PROJECT}`,
    );
  }
  // Every part named, or the whole project with a part: the whole project.
  const whole = unique.includes(SCENARIO_PROJECT) || Object.keys(SCENARIO_PARTS).every((p) => parts.includes(p));
  return { projects: [SCENARIO_PROJECT], paths: whole ? [] : parts.map((p) => SCENARIO_PARTS[p]!) };
}

/** `playwright test` arguments for `names` and an optional `--grep`. */
export function playwrightTestArgs(names: readonly string[], grep?: string): string[] {
  const { projects, paths } = playwrightSelection(names);
  return ['test', ...projects.map((p) => `--project=${p}`), ...(grep ? ['--grep', grep] : []), ...paths];
}
