import { ValidationFailed, type CandidateSearchQueryDto } from '@brobygger/contracts';
import type { LatLng } from '@brobygger/geo';
import { CANDIDATE_FACETS } from '@brobygger/search';
import { languageFilterToken } from './languages';

export interface MeiliQuery {
  q: string;
  filter: string[];
  sort?: string[];
  facets: string[];
  limit: number;
  offset: number;
}

/**
 * A Meilisearch string literal. Every value reaching here was already validated against a narrow pattern
 * (ids, codes, dates); quoting and escaping anyway means a value that slipped through stays one value and
 * can never close the literal and add a clause of its own.
 */
export function literal(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const list = (values: string[]) => `[${values.map(literal).join(', ')}]`;
const uuidOf = (id: string) => id.slice(id.indexOf('/') + 1);

/**
 * The Meilisearch query for a validated search. Filters are built clause by clause from typed values, never
 * by pasting request text into the filter string; the free text goes only into `q`, which Meilisearch treats
 * as words to look for. `centre` is the resolved point of near / nearMunicipality.
 */
export function buildCandidateQuery(query: CandidateSearchQueryDto, centre: LatLng | undefined): MeiliQuery {
  const filter: string[] = [`status IN ${list(query.status?.length ? query.status : ['active'])}`];
  if (query.skills?.length) {
    const ids = query.skills.map(uuidOf);
    if (query.skillsMode === 'any') filter.push(`skillIds IN ${list(ids)}`);
    else for (const id of ids) filter.push(`skillIds = ${literal(id)}`);
  }
  for (const l of query.language ?? []) filter.push(`languageLevels = ${literal(languageFilterToken(l))}`);
  if (query.withinKm !== undefined) {
    if (!centre) {
      throw new ValidationFailed([
        { field: 'withinKm', messages: ['withinKm needs near or nearMunicipality'] },
      ]);
    }
    filter.push(`_geoRadius(${centre.lat}, ${centre.lng}, ${Math.round(query.withinKm * 1000)})`);
  }
  if (query.municipality?.length) filter.push(`municipality IN ${list(query.municipality)}`);
  if (query.availableBy) {
    filter.push(`availableFrom <= ${Math.floor(Date.parse(`${query.availableBy}T00:00:00Z`) / 1000)}`);
  }
  if (query.openingType?.length) filter.push(`openingTypes IN ${list(query.openingType)}`);
  if (query.permitStatus?.length) filter.push(`permitStatus IN ${list(query.permitStatus)}`);
  for (const c of query.drivingLicence ?? []) filter.push(`drivingLicences = ${literal(c)}`);

  let sort: string[] | undefined;
  if (query.sort === 'updated') sort = ['updatedAt:desc'];
  if (query.sort === 'distance') {
    if (!centre) {
      throw new ValidationFailed([
        { field: 'sort', messages: ['sort=distance needs near or nearMunicipality'] },
      ]);
    }
    sort = [`_geoPoint(${centre.lat}, ${centre.lng}):asc`];
  }
  return {
    q: query.q ?? '',
    filter,
    ...(sort ? { sort } : {}),
    facets: [...CANDIDATE_FACETS],
    limit: query.limit,
    offset: query.offset,
  };
}
