/**
 * The arithmetic and the lines of the replay floor bench: CPU milliseconds a certificate, turned
 * into the whole month's CPU minutes and wall minutes on this machine's cores, next to the goal of
 * issue 10 (the month in 5 minutes), as a multiple of the bare node:http figure of the same run.
 */

/** Certificates issued in 2022-05, as `samverkan load` projects the month (decision 0028). */
export const MONTH_CERTIFICATES = 198_592;
/** The goal of issue 10: the month's replay in this many minutes of wall time. */
export const GOAL_WALL_MINUTES = 5;

/** One measured figure. */
export interface FloorFigure {
  name: string;
  /** CPU time (user + system, the whole process) per certificate, in ms. */
  cpuMsPerCertificate: number;
  /** What the figure includes that the month would not (printed after it), if anything. */
  note?: string;
}

/** The month projected from a CPU time per certificate, every core busy all the time. */
export interface MonthProjection {
  cpuMinutes: number;
  /** Wall minutes with `cores` cores fully used (no core can do better). */
  wallMinutes: number;
  /** Share of the goal's CPU budget (goal minutes × cores) the figure takes; above 1 = the goal is out of reach. */
  shareOfBudget: number;
}

/** CPU ms a certificate may take for the month to fit `GOAL_WALL_MINUTES` on `cores` cores. */
export function budgetMsPerCertificate(cores: number, certificates = MONTH_CERTIFICATES): number {
  return (GOAL_WALL_MINUTES * 60_000 * cores) / certificates;
}

export function projectMonth(cpuMsPerCertificate: number, cores: number, certificates = MONTH_CERTIFICATES): MonthProjection {
  if (!(cores >= 1)) throw new RangeError(`cores must be at least 1, got ${cores}`);
  const cpuMinutes = (cpuMsPerCertificate * certificates) / 60_000;
  return { cpuMinutes, wallMinutes: cpuMinutes / cores, shareOfBudget: cpuMsPerCertificate / budgetMsPerCertificate(cores, certificates) };
}

/**
 * One line per figure, the first being the baseline the others are a multiple of, then the
 * budget line. CPU ms with 2 decimals, minutes with 1, shares in whole per cent.
 */
export function floorLines(figures: FloorFigure[], cores: number, certificates = MONTH_CERTIFICATES): string[] {
  const base = figures[0];
  if (!base) return [];
  const width = Math.max(...figures.map((f) => f.name.length));
  const lines = figures.map((f) => {
    const p = projectMonth(f.cpuMsPerCertificate, cores, certificates);
    const ratio = f === base ? '' : ` (${(f.cpuMsPerCertificate / base.cpuMsPerCertificate).toFixed(2)} × ${base.name})`;
    return (
      `  ${f.name.padEnd(width)}  ${f.cpuMsPerCertificate.toFixed(2)} ms CPU a certificate${ratio}; ` +
      `month ${p.cpuMinutes.toFixed(1)} CPU min, ≥ ${p.wallMinutes.toFixed(1)} min wall on ${cores} core(s), ` +
      `${Math.round(p.shareOfBudget * 100)} % of the ${GOAL_WALL_MINUTES}-minute budget${f.note ? ` [${f.note}]` : ''}`
    );
  });
  lines.push(
    `  budget: ${GOAL_WALL_MINUTES} min × ${cores} core(s) = ${GOAL_WALL_MINUTES * cores} CPU min for ${certificates.toLocaleString('en-US')} certificates = ` +
      `${budgetMsPerCertificate(cores, certificates).toFixed(2)} ms CPU a certificate`,
  );
  return lines;
}
