import { Inject, Injectable } from '@nestjs/common';
import { Patterns, type MatchExplanation, type SkillName, type TaxonomyLang } from '@brobygger/contracts';
import type { Lang, SkillLabel } from '@brobygger/notify';
import { LOGGER, RpcCaller, type Logger } from '@brobygger/platform';

/**
 * Skill names in the reader's language for what a message says about a match ("لحام" rather than "operate
 * welding equipment"), asked of the taxonomy once per message or page. A name is decoration: when the taxonomy
 * cannot answer, the stored English label is said instead and the message still goes.
 */
@Injectable()
export class SkillNames {
  constructor(
    private readonly rpc: RpcCaller,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async labeller(lang: Lang, explanations: readonly MatchExplanation[]): Promise<SkillLabel> {
    const ids = new Set<string>();
    for (const x of explanations) {
      for (const s of x.matchedSkills) if (s.skillId) ids.add(s.skillId);
      for (const n of x.nearMisses) for (const s of [n.required, n.have]) if (s.skillId) ids.add(s.skillId);
    }
    if (ids.size === 0) return (_id, fallback) => fallback;
    try {
      const names = await this.rpc.call<SkillName[]>(Patterns.taxonomy.skillNames, {
        skillIds: [...ids],
        lang: lang satisfies TaxonomyLang,
      });
      const byId = new Map(names.map((n) => [n.id, n.label]));
      return (id, fallback) => (id && byId.get(id)) || fallback;
    } catch (err) {
      this.logger.warn({ err }, 'skill names unavailable; English labels used');
      return (_id, fallback) => fallback;
    }
  }
}
