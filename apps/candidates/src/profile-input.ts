import { Injectable } from '@nestjs/common';
import type {
  CreateCandidateDto,
  ExperienceDto,
  FieldError,
  HomeView,
  LicenceClass,
  SkillClaimDto,
  SkillClaimView,
  WishesDto,
} from '@brobygger/contracts';
import { gazetteer, resolvePlace } from '@brobygger/geo';
import { ConceptCatalogue, resolveSkillList } from '@brobygger/platform';
import { licencesNamedIn } from '@brobygger/taxonomy';

/** The parts of a profile that need more than the DTO's own validation: ids checked, text resolved, places. */
export interface ResolvedParts {
  skills?: SkillClaimView[];
  /** Licence classes the skill texts name ("førerkort klasse B"), added to the profile's licences. */
  drivingLicences?: LicenceClass[];
  home?: HomeView;
  experience?: ExperienceDto[];
  wishes?: Required<WishesDto>;
}

export type Resolution = { ok: true; parts: ResolvedParts } | { ok: false; errors: FieldError[] };

type Input = Partial<Pick<CreateCandidateDto, 'skills' | 'home' | 'experience' | 'wishes'>>;

/**
 * Turns validated input into what is stored: skill texts resolved through the taxonomy (the text kept beside
 * the id), taxonomy ids checked to exist, postcodes and municipalities resolved to places with coordinates.
 * It works on many profiles at once so an import asks the taxonomy a few times for the whole file; the API
 * uses it with one. Only the parts present in an input are resolved (a PATCH touches what it sends).
 */
@Injectable()
export class ProfileInput {
  constructor(private readonly catalogue: ConceptCatalogue) {}

  async resolve(inputs: Input[]): Promise<Resolution[]> {
    const texts = inputs.flatMap((i) =>
      (i.skills ?? []).filter((s) => !s.skillId && s.text).map((s) => s.text!),
    );
    const resolvedTexts = await this.catalogue.resolveTexts(texts);
    const byText = new Map(texts.map((t, i) => [t, resolvedTexts[i]]));
    const known = await this.catalogue.describe(
      inputs.flatMap((i) => (i.skills ?? []).flatMap((s) => (s.skillId ? [s.skillId] : []))),
      inputs.flatMap((i) => [
        ...(i.experience ?? []).flatMap((e) => (e.occupationId ? [e.occupationId] : [])),
        ...(i.wishes?.occupationIds ?? []),
      ]),
    );

    return inputs.map((input): Resolution => {
      const errors: FieldError[] = [];
      const parts: ResolvedParts = {};
      const fail = (field: string, message: string) => errors.push({ field, messages: [message] });

      if (input.skills) {
        parts.skills = resolveSkillList('skills', input.skills, byText, known.skills, pickLevelYears, errors);
        const named = licencesNamedIn(input.skills);
        if (named.length) parts.drivingLicences = named;
      }

      if (input.home) parts.home = resolvePlace(input.home, 'home', errors);

      if (input.experience) {
        input.experience.forEach((e, i) => {
          if (e.occupationId && !known.occupations.has(e.occupationId)) {
            fail(`experience.${i}.occupationId`, `unknown occupation id ${e.occupationId}`);
          }
          if (e.from && e.to && e.to < e.from) fail(`experience.${i}.to`, 'to must not be before from');
        });
        parts.experience = input.experience.map((e) => ({ ...e }));
      }

      if (input.wishes) {
        const occupationIds = [...new Set(input.wishes.occupationIds ?? [])];
        occupationIds.forEach((id) => {
          if (!known.occupations.has(id)) fail('wishes.occupationIds', `unknown occupation id ${id}`);
        });
        const places = [...new Set(input.wishes.places ?? [])];
        places.forEach((code) => {
          if (!gazetteer().municipality(code)) fail('wishes.places', `unknown municipality number ${code}`);
        });
        parts.wishes = { occupationIds, openingTypes: [...new Set(input.wishes.openingTypes ?? [])], places };
      }

      return errors.length ? { ok: false, errors: mergeFields(errors) } : { ok: true, parts };
    });
  }
}

const pickLevelYears = (s: SkillClaimDto) => ({
  ...(s.level !== undefined ? { level: s.level } : {}),
  ...(s.years !== undefined ? { years: s.years } : {}),
});

/** One entry per field, its messages together, as the validation pipe reports them. */
function mergeFields(errors: FieldError[]): FieldError[] {
  const by = new Map<string, string[]>();
  for (const e of errors) by.set(e.field, [...(by.get(e.field) ?? []), ...e.messages]);
  return [...by].map(([field, messages]) => ({ field, messages }));
}
