/** `samverkan schedule`: print a redelivery profile, or check observed attempt times against the known profiles. */
import type { CommandModule } from 'yargs';
import { checkSchedule, scheduleCheckMarkdown } from '../../reports/schedule/scheduleChecker.js';
import { allWaits, formatWait, parseRedeliverySchedule, REDELIVERY_PROFILES, redeliveryProfile } from '../../simulators/webcert/notification/redeliverySchedule.js';
import { parseDuration } from '../admin/durations.js';

interface ScheduleArgs {
  profile?: string;
  check?: string[];
  tolerance: string;
}

function parseTime(text: string): number {
  const t = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(t)) throw new Error(`"${text}" is not a time; give ISO times (2026-03-02T08:00:00Z) or epoch milliseconds`);
  return t;
}

export function scheduleCommand(setExit: (code: number) => void): CommandModule<object, ScheduleArgs> {
  return {
    command: 'schedule',
    describe: 'Show the redelivery profiles, or check the attempt times observed for one status update',
    builder: (y) =>
      y
        .option('profile', { type: 'string', describe: 'Show one profile (forum-2022, webcert-7) or a notation' })
        .option('check', { type: 'string', array: true, describe: 'Observed attempt times, oldest first (ISO or epoch ms)' })
        .option('tolerance', { type: 'string', default: '0', describe: 'How much later than planned an attempt may come (real Webcert: 30s job interval)' })
        .example('$0 schedule', 'list both profiles')
        .example('$0 schedule --check 2026-03-02T08:00:00Z 2026-03-02T08:01:10Z --tolerance 30s', 'which profile a real series matches'),
    handler: (args) => {
      if (args.check?.length) {
        const check = checkSchedule(args.check.map(parseTime), { toleranceMs: parseDuration(args.tolerance), against: args.profile });
        console.log(scheduleCheckMarkdown(check));
        setExit(check.matches.length ? 0 : 1);
        return;
      }
      // A notation (30#1:m,…) or a profile name, as Webcert's simulator reads --redelivery.
      const shown = args.profile ? [args.profile.includes('#') ? { name: args.profile, schedule: parseRedeliverySchedule(args.profile) } : redeliveryProfile(args.profile)] : Object.values(REDELIVERY_PROFILES);
      for (const p of shown) {
        const waits = allWaits(p.schedule);
        const total = waits.reduce((a, b) => a + b, 0);
        console.log(`${p.name}  ${p.schedule.notation}`);
        if ('source' in p) console.log(`  source: ${p.source}`);
        console.log(`  ${p.schedule.maxDeliveries} deliveries; waits: ${waits.slice(0, 7).map(formatWait).join(', ')}${waits.length > 7 ? ', …' : ''}; first to last: ${formatWait(total)}`);
      }
      setExit(0);
    },
  };
}
