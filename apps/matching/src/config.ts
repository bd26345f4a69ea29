import { commonEnv, databaseEnv, env, publicUrlEnv, rpcClientEnv, type ConfigOf } from '@brobygger/platform';

/** Sending notifications (issue 7). Unset SMTP/SMS settings mean "log instead of send" (development). */
export const notifyEnv = {
  ...publicUrlEnv,
  REPLY_LINK_SECRET: env.string({
    minLength: 32,
    describe: 'HMAC key for the reply links in notifications (32+ characters)',
  }),
  REPLY_LINK_DAYS: env.int({ default: 14, min: 1, max: 90, describe: 'reply links work this many days' }),
  SMTP_URL: env.optionalString('smtp://user:pass@host:587 for e-mail; unset: e-mails are logged, not sent'),
  MAIL_FROM: env.string({
    default: 'Brobygger <jobbtips@brobygger.local>',
    describe: 'sender of notification e-mails',
  }),
  SMS_API_URL: env.optionalString("the SMS provider's base URL; unset: SMS are logged, not sent"),
  SMS_API_KEY: env.optionalString("the SMS provider's API key"),
  NOTIFY_WEEKLY_CAP: env.int({
    default: 3,
    min: 1,
    max: 100,
    describe: 'match notifications per candidate per 7 days (staff sending by hand is not capped)',
  }),
  SMS_QUIET_FROM: env.int({ default: 21, min: 0, max: 23, describe: 'no SMS from this hour (Europe/Oslo)' }),
  SMS_QUIET_TO: env.int({ default: 8, min: 0, max: 23, describe: '...until this hour' }),
  DIGEST_HOUR: env.int({
    default: 17,
    min: 0,
    max: 23,
    describe: 'daily digests go out at this hour (Europe/Oslo)',
  }),
};

export const matchingEnv = {
  ...commonEnv,
  ...notifyEnv,
  ...databaseEnv,
  ...rpcClientEnv,
  MATCH_STORE_THRESHOLD: env.int({
    default: 30,
    min: 0,
    max: 100,
    describe: 'matches scoring at least this are stored and shown',
  }),
  MATCH_NOTIFY_THRESHOLD: env.int({
    default: 60,
    min: 0,
    max: 100,
    describe: 'matches scoring at least this notify the candidate',
  }),
  MATCH_TOP_N: env.int({
    default: 20,
    min: 0,
    max: 1000,
    describe: 'each opening also keeps its best N matches below the store threshold (0: none)',
  }),
  MATCHING_CHUNK_SIZE: env.int({
    default: 2_000,
    min: 1,
    max: 50_000,
    describe: 'candidates per scoring job when an opening is scored against everyone',
  }),
  MATCHING_WEIGHTS_FILE: env.optionalString(
    'JSON file of scoring weights overriding the defaults (with a new "version"); unset: the defaults',
  ),
  MATCHING_CONCURRENCY: env.int({
    default: 2,
    min: 1,
    max: 64,
    describe: 'matching jobs one process runs at once',
  }),
  NOTIFY_CONCURRENCY: env.int({
    default: 4,
    min: 1,
    max: 64,
    describe: 'notification jobs one process runs at once',
  }),
};
export type MatchingConfig = ConfigOf<typeof matchingEnv>;
