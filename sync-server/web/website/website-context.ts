// What every website route shares: configuration, stores, the mail sender, address retention,
// rate limiters and the clock. Built once by createWebsite.
import { AttemptLimiter } from '../access/attempt-limiter.ts';
import type { Logger } from '../../logger.ts';
import type { AddressRetention } from './address-retention.ts';
import type { MailSender } from './mail-sender.ts';
import type { SignUpStore } from './signup-store.ts';
import type { StatsAccess } from './stats-access.ts';
import type { UsageCounts } from './usage-counts.ts';
import type { WebsiteConfig } from './website-config.ts';

export interface WebsiteContext {
  readonly config: WebsiteConfig;
  readonly logger: Logger;
  readonly signUps: SignUpStore;
  readonly counts: UsageCounts;
  readonly sender: MailSender;
  readonly retention: AddressRetention;
  readonly stats: StatsAccess;
  readonly limits: {
    readonly signUp: AttemptLimiter;
    readonly events: AttemptLimiter;
    readonly statsSignIn: AttemptLimiter;
  };
  readonly now: () => number;
}

export function createLimiters(config: WebsiteConfig): WebsiteContext['limits'] {
  return {
    signUp: new AttemptLimiter(config.signUpPerIp, config.limiterMaxKeys),
    events: new AttemptLimiter(config.eventsPerIp, config.limiterMaxKeys),
    statsSignIn: new AttemptLimiter(config.statsSignInPerIp, config.limiterMaxKeys),
  };
}
