// The few lines a person starting the relay needs, printed once it listens: the URL to open, the
// data directory, and where the stats token and the mail outbox are. They go to stderr, so stdout
// stays one JSON log line per event for whatever collects the logs.
import { join } from 'node:path';
import type { WebsiteConfig } from '../web/website/website-config.ts';

export interface StartupFacts {
  readonly url: string;
  readonly dataDir: string;
  readonly website: Pick<WebsiteConfig, 'statsToken' | 'statsTokenFileName' | 'outboxFileName'>;
  readonly mailerKind: 'smtp' | 'outbox';
}

export function startupSummary(facts: StartupFacts): string {
  const statsToken = facts.website.statsToken !== null ? 'set by LTM_STATS_TOKEN' : join(facts.dataDir, facts.website.statsTokenFileName);
  const outbox = facts.mailerKind === 'outbox' ? join(facts.dataDir, facts.website.outboxFileName) : 'none: mail goes out over SMTP';
  return [
    '',
    `LeaveTheMeeting relay is running. Open ${facts.url}/`,
    `  data directory: ${facts.dataDir}`,
    `  stats token:    ${statsToken} (for ${facts.url}/stats)`,
    `  mail outbox:    ${outbox}`,
    '  stop with Ctrl-C (SIGINT) or SIGTERM',
    '',
  ].join('\n') + '\n';
}
