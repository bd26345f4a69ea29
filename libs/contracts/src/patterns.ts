/**
 * Request/response message patterns on the Redis transport.
 *
 * A pattern is a Redis channel name (behind the per-deployment prefix): renaming one while an old gateway or
 * service still runs makes their calls time out. Add a new pattern, move callers, then drop the old one.
 * Only queries and commands the caller awaits and can retry travel here; anything that must arrive goes
 * through BullMQ (see jobs.ts).
 */
export const Patterns = {
  candidates: {
    ping: 'candidates.ping',
    create: 'candidates.create',
    get: 'candidates.get',
    update: 'candidates.update',
    updateOwn: 'candidates.update-own',
    erase: 'candidates.erase',
    import: 'candidates.import',
    search: 'candidates.search',
    audit: 'candidates.audit',
    matchingFeatures: 'candidates.matching-features',
    identities: 'candidates.identities',
    notificationProfile: 'candidates.notification-profile',
  },
  employers: {
    ping: 'employers.ping',
    create: 'employers.create',
    get: 'employers.get',
    list: 'employers.list',
    update: 'employers.update',
    changePartnership: 'employers.partnership.change',
    addContact: 'employers.contacts.add',
    updateContact: 'employers.contacts.update',
    removeContact: 'employers.contacts.remove',
    addInteraction: 'employers.interactions.add',
    interactions: 'employers.interactions.list',
    createOpening: 'employers.openings.create',
    getOpening: 'employers.openings.get',
    listOpenings: 'employers.openings.list',
    updateOpening: 'employers.openings.update',
    publishOpening: 'employers.openings.publish',
    closeOpening: 'employers.openings.close',
    acknowledgeFlags: 'employers.openings.acknowledge-flags',
    suggestions: 'employers.openings.suggestions',
    suggestForDraft: 'employers.openings.suggest-for-draft',
    openingRequirements: 'employers.openings.requirements',
  },
  matching: {
    ping: 'matching.ping',
    openingMatches: 'matching.openings.matches',
    candidateMatches: 'matching.candidates.matches',
    getMatch: 'matching.matches.get',
    rescoreOpening: 'matching.openings.rescore',
    candidateNotifications: 'matching.notifications.for-candidate',
    markNotificationRead: 'matching.notifications.mark-read',
    replyToNotification: 'matching.notifications.reply',
    replyWithToken: 'matching.notifications.reply-with-token',
    deliveries: 'matching.deliveries.list',
    notifyByHand: 'matching.matches.notify',
  },
  taxonomy: {
    ping: 'taxonomy.ping',
    info: 'taxonomy.info',
    searchSkills: 'taxonomy.skills.search',
    searchOccupations: 'taxonomy.occupations.search',
    getOccupation: 'taxonomy.occupations.get',
    normalise: 'taxonomy.normalise',
    relatedSkills: 'taxonomy.skills.related',
    describe: 'taxonomy.concepts.describe',
    skillNames: 'taxonomy.skills.names',
    listGlossary: 'taxonomy.glossary.list',
    addGlossaryEntry: 'taxonomy.glossary.add',
    updateGlossaryEntry: 'taxonomy.glossary.update',
  },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type Pattern = Leaves<typeof Patterns>;

/** The service each pattern prefix belongs to, used by the gateway's health check. */
export const SERVICES = ['candidates', 'employers', 'matching', 'taxonomy'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface PingReply {
  service: ServiceName;
  database: 'up' | 'down';
}
