import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { GLOSSARY_LANGS, TAXONOMY_LANGS, type SkillType } from '@brobygger/contracts';
import { fold, OCCUPATION_NAME_LANGS, type ResolverSources } from '@brobygger/taxonomy';

/** A data file that is missing, altered or malformed. Nothing has been written when this is thrown. */
export class TaxonomyDataError extends Error {
  override name = 'TaxonomyDataError';
}

export type LabelKind = 'preferred' | 'alt' | 'hidden';
export type Relation = 'essential' | 'optional';

export interface SkillRow {
  id: string;
  type: string;
  reuseLevel: string | null;
  preferredLabel: string;
  description: string | null;
  collections: string[];
  /** How many occupations name the skill: how common it is, which ranks search hits. */
  occupationCount: number;
}
export interface SkillLabelRow {
  skillId: string;
  lang: string;
  kind: LabelKind;
  label: string;
}
export interface OccupationRow {
  id: string;
  iscoGroup: string;
  escoCode: string;
  preferredLabel: string;
  description: string | null;
  regulatedProfessionNote: string | null;
}
export interface OccupationLabelRow {
  occupationId: string;
  lang: string;
  kind: LabelKind;
  label: string;
}
/** A word people use for some skills, mapped by hand (data/taxonomy/glossary.csv); see GLOSSARY_LANGS. */
export interface GlossaryFileRow {
  lang: string;
  term: string;
  /** Best first. */
  skillIds: string[];
  note: string | null;
}

/** Optional files: a release without them (such as the test fixture) simply has none of their rows. */
const NORWEGIAN_SKILL_LABELS = 'skills_nb.csv.gz';
const GLOSSARY = 'glossary.csv';
/**
 * Everyday titles ESCO lacks: Ukrainian (ESCO has none), Arabic beyond its one preferred label, and the
 * Norwegian words people type ("helsefagarbeider", "oppvasker"), for the occupations refugees in Norway most
 * often go into. Written by the team, each row with who wrote it and its review state; imported as
 * alternative labels, so title search and occupation words typed as skills both know them.
 */
const TITLE_SUPPLEMENT = 'occupation_titles_supplement.csv';
const REVIEW_STATES = ['drafted', 'reviewed'];

export interface TaxonomyData {
  version: string;
  checksum: string;
  skills: SkillRow[];
  skillLabels: SkillLabelRow[];
  skillGroups: { id: string; code: string | null; preferredLabel: string }[];
  skillBroader: { conceptId: string; broaderId: string }[];
  skillRelations: { skillId: string; relatedSkillId: string; relation: Relation }[];
  occupations: OccupationRow[];
  occupationLabels: OccupationLabelRow[];
  /** The team's everyday titles (TITLE_SUPPLEMENT), stored and searched as alternative labels. */
  titleSupplement: OccupationLabelRow[];
  occupationSkills: { occupationId: string; skillId: string; relation: Relation }[];
  glossary: GlossaryFileRow[];
  iscoGroups: { code: string; level: number; labelEn: string; labelNb: string | null }[];
  styrkGroups: {
    code: string;
    level: number;
    nameNb: string;
    parentCode: string | null;
    iscoCode: string | null;
    navCategory: string | null;
    navSubcategory: string | null;
  }[];
  /**
   * Rows left out because they name a concept the release does not define. The published data has a few
   * (groups missing from the group list, an occupation missing from the occupation list, v1.0.8 labels of
   * occupations v1.1.1 dropped); the import reports them rather than failing on ESCO's own gaps.
   */
  skipped: { file: string; rows: number; reason: string }[];
}

interface Manifest {
  version: string;
  files: Record<string, string>;
}

const SKILL_ID = /^skill\/[0-9a-f-]{36}$/;
const OCCUPATION_ID = /^occupation\/[0-9a-f-]{36}$/;
/** ESCO's skillType column → the SkillType of the wire (an empty cell, 5 rows upstream, is unknown). */
const SKILL_TYPES: Record<string, SkillType> = {
  'skill/competence': 'skill/competence',
  knowledge: 'knowledge',
  language: 'language',
  '': 'unknown',
};
/** ESCO calls Norwegian bokmål `no`; Brobygger speaks ISO 639-1 as candidates choose it. */
const LANG_ALIASES: Record<string, string> = { no: 'nb' };

type Row = Record<string, string>;

/** The cells of a ` | `-joined multi-valued column, trimmed, without blanks or repeats. */
function multi(cell: string | undefined): string[] {
  if (!cell) return [];
  return [...new Set(cell.split(' | ').map((s) => s.trim()))].filter(Boolean);
}

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/**
 * Reads and checks one release of the taxonomy from a folder holding `manifest.json` and the gzip-compressed
 * CSVs it lists. Every file must match its sha256, every row must be well formed and every reference must
 * resolve, before anything is handed to the writer: a corrupted file stops the import with its name and line.
 */
export function readTaxonomy(dir: string): TaxonomyData {
  const manifest = readManifest(dir);
  const parsed = new Map<string, Row[]>();
  const table = (file: string, columns: string[]): Row[] => {
    const rows = parsed.get(file) ?? readTable(dir, manifest, file);
    parsed.set(file, rows);
    const missing = columns.filter((c) => !(c in rows[0]));
    expect(missing.length === 0, `${file} lacks column(s) ${missing.join(', ')}`);
    return rows;
  };

  const skills = table('skills_en.csv.gz', ['id', 'skillType', 'reuseLevel', 'preferredLabel']).map(
    (r, i): SkillRow => {
      const at = `skills_en.csv line ${i + 2}`;
      expect(SKILL_ID.test(r.id), `${at}: id "${r.id}" is not an ESCO skill id`);
      const type = SKILL_TYPES[r.skillType];
      expect(type !== undefined, `${at}: unknown skillType "${r.skillType}"`);
      expect(Boolean(r.preferredLabel?.trim()), `${at}: preferredLabel is empty`);
      return {
        id: r.id,
        type: type,
        reuseLevel: blankToNull(r.reuseLevel),
        preferredLabel: r.preferredLabel.trim(),
        description: blankToNull(r.description),
        collections: multi(r.collections),
        occupationCount: 0,
      };
    },
  );
  const skillIds = new Set(skills.map((s) => s.id));
  expect(skillIds.size === skills.length, 'skills_en.csv: an id appears twice');
  const skillLabels = labelRows(
    table('skills_en.csv.gz', ['id', 'preferredLabel', 'altLabels', 'hiddenLabels']),
    'en',
  ).map(([id, lang, kind, label]): SkillLabelRow => ({ skillId: id, lang, kind, label }));
  // ESCO's own Norwegian skill labels, as far as they are public (see data/taxonomy/SOURCE_AND_LICENSE.md).
  const nbSeen = new Set<string>();
  // Labels and glossary words of skills this release does not define are left out and counted, as
  // occupation labels are: a newer ESCO may drop a skill these files still name.
  let skippedNbRows = 0;
  const glossarySkipped = { rows: 0 };
  if (manifest.files[NORWEGIAN_SKILL_LABELS] !== undefined) {
    table(NORWEGIAN_SKILL_LABELS, ['id', 'kind', 'label']).forEach((r, i) => {
      const at = `${NORWEGIAN_SKILL_LABELS} line ${i + 2}`;
      expect(SKILL_ID.test(r.id), `${at}: "${r.id}" is not an ESCO skill id`);
      if (!skillIds.has(r.id)) {
        skippedNbRows++;
        return;
      }
      expect(r.kind === 'preferred' || r.kind === 'alt', `${at}: kind "${r.kind}" is not preferred/alt`);
      const label = r.label?.trim();
      expect(Boolean(label), `${at}: label is empty`);
      const key = `${r.id}\u0000${r.kind}\u0000${label}`;
      if (nbSeen.has(key)) return;
      nbSeen.add(key);
      skillLabels.push({ skillId: r.id, lang: 'nb', kind: r.kind, label });
    });
  }
  const glossary =
    manifest.files[GLOSSARY] !== undefined
      ? readGlossary(table(GLOSSARY, ['lang', 'term', 'skills']), skillIds, glossarySkipped)
      : [];

  const skillGroups = table('skill_groups_en.csv.gz', ['id', 'code', 'preferredLabel']).map((r) => ({
    id: r.id,
    code: blankToNull(r.code),
    preferredLabel: r.preferredLabel.trim(),
  }));
  const concepts = new Set([...skillIds, ...skillGroups.map((g) => g.id)]);
  // ESCO v1.1.1 hangs 7 groups under groups its group list lacks; such links are left out and counted.
  let skippedBroaderRows = 0;
  const skillBroader = table('skill_broader.csv.gz', ['id', 'broader_id'])
    .filter((r) => {
      const known = concepts.has(r.id) && concepts.has(r.broader_id);
      if (!known) skippedBroaderRows++;
      return known;
    })
    .map((r) => ({ conceptId: r.id, broaderId: r.broader_id }));
  const skillRelations = table('skill_skill_relations.csv.gz', [
    'skill_id',
    'relationType',
    'related_skill_id',
  ]).map((r, i) => {
    const at = `skill_skill_relations.csv line ${i + 2}`;
    expect(skillIds.has(r.skill_id) && skillIds.has(r.related_skill_id), `${at}: unknown skill id`);
    return {
      skillId: r.skill_id,
      relatedSkillId: r.related_skill_id,
      relation: relation(r.relationType, at),
    };
  });

  const occupations = table('occupations_en.csv.gz', ['id', 'iscoGroup', 'escoCode', 'preferredLabel']).map(
    (r, i): OccupationRow => {
      const at = `occupations_en.csv line ${i + 2}`;
      expect(OCCUPATION_ID.test(r.id), `${at}: id "${r.id}" is not an ESCO occupation id`);
      expect(/^\d{4}$/.test(r.iscoGroup), `${at}: iscoGroup "${r.iscoGroup}" is not a 4-digit ISCO code`);
      return {
        id: r.id,
        iscoGroup: r.iscoGroup,
        escoCode: r.escoCode,
        preferredLabel: r.preferredLabel.trim(),
        description: blankToNull(r.description),
        regulatedProfessionNote: blankToNull(r.regulatedProfessionNote),
      };
    },
  );
  const occupationIds = new Set(occupations.map((o) => o.id));
  const englishOccupationLabels = labelRows(
    table('occupations_en.csv.gz', ['id', 'preferredLabel', 'altLabels', 'hiddenLabels']),
    'en',
  );
  // v1.1.1's English labels win over v1.0.8's; the other languages come from the multilingual file.
  let skippedLabelRows = 0;
  const otherLanguages = table('occupation_labels_long.csv.gz', [
    'id',
    'lang',
    'preferredLabel',
    'altLabels',
    'hiddenLabels',
  ]).filter((r, i) => {
    expect(/^[a-z]{2}$/.test(r.lang), `occupation_labels_long.csv line ${i + 2}: bad lang "${r.lang}"`);
    if (r.lang === 'en') return false;
    if (occupationIds.has(r.id)) return true;
    skippedLabelRows++;
    return false;
  });
  const occupationLabels = [
    ...englishOccupationLabels,
    ...labelRows(otherLanguages, (r) => LANG_ALIASES[r.lang] ?? r.lang),
  ].map(([id, lang, kind, label]): OccupationLabelRow => ({ occupationId: id, lang, kind, label }));
  let skippedSupplementRows = 0;
  const titleSupplement: OccupationLabelRow[] = [];
  if (manifest.files[TITLE_SUPPLEMENT] !== undefined) {
    const known = new Set(occupationLabels.map((l) => `${l.occupationId} ${l.lang} ${l.kind} ${l.label}`));
    table(TITLE_SUPPLEMENT, ['occupation_id', 'lang', 'label', 'source', 'review_state']).forEach((r, i) => {
      const at = `${TITLE_SUPPLEMENT} line ${i + 2}`;
      expect(OCCUPATION_ID.test(r.occupation_id), `${at}: "${r.occupation_id}" is not an occupation id`);
      expect((TAXONOMY_LANGS as readonly string[]).includes(r.lang), `${at}: unknown lang "${r.lang}"`);
      const label = r.label?.trim() ?? '';
      expect(label.length > 0 && Boolean(r.source?.trim()), `${at}: label and source are required`);
      expect(
        REVIEW_STATES.includes(r.review_state),
        `${at}: review_state "${r.review_state}" is not drafted/reviewed`,
      );
      const key = `${r.occupation_id} ${r.lang} alt ${label}`;
      if (!occupationIds.has(r.occupation_id)) skippedSupplementRows++;
      else if (!known.has(key) && !known.has(`${r.occupation_id} ${r.lang} preferred ${label}`)) {
        known.add(key);
        titleSupplement.push({ occupationId: r.occupation_id, lang: r.lang, kind: 'alt', label });
      }
    });
  }

  let skippedLinkRows = 0;
  const occupationSkills = table('occupation_skill_relations.csv.gz', [
    'occupation_id',
    'relationType',
    'skill_id',
  ]).flatMap((r, i) => {
    const at = `occupation_skill_relations.csv line ${i + 2}`;
    expect(OCCUPATION_ID.test(r.occupation_id), `${at}: "${r.occupation_id}" is not an occupation id`);
    expect(skillIds.has(r.skill_id), `${at}: unknown skill "${r.skill_id}"`);
    if (!occupationIds.has(r.occupation_id)) {
      skippedLinkRows++;
      return [];
    }
    return [{ occupationId: r.occupation_id, skillId: r.skill_id, relation: relation(r.relationType, at) }];
  });

  const skillById = new Map(skills.map((s) => [s.id, s]));
  for (const l of occupationSkills) skillById.get(l.skillId)!.occupationCount++;

  const norwegianIsco = new Map(
    table('isco08_groups_no.csv.gz', ['code', 'preferredLabel_no']).map((r) => [r.code, r.preferredLabel_no]),
  );
  const iscoGroups = table('isco08_groups_en.csv.gz', ['code', 'level', 'preferredLabel']).map((r, i) => {
    expect(/^\d{1,4}$/.test(r.code), `isco08_groups_en.csv line ${i + 2}: bad code "${r.code}"`);
    return {
      code: r.code,
      level: Number(r.level),
      labelEn: r.preferredLabel.trim(),
      labelNb: blankToNull(norwegianIsco.get(r.code)),
    };
  });
  const iscoCodes = new Set(iscoGroups.map((g) => g.code));
  const nav = new Map(
    table('styrk08_nav_yrkeskategori.csv.gz', ['styrk08', 'nav_category_level1', 'nav_category_level2']).map(
      (r) => [r.styrk08, r],
    ),
  );
  const styrkGroups = table('styrk08_ssb.csv.gz', ['code', 'level', 'name_nb', 'parentCode']).map((r, i) => {
    expect(/^\d{1,4}$/.test(r.code), `styrk08_ssb.csv line ${i + 2}: bad code "${r.code}"`);
    const category = nav.get(r.code);
    return {
      code: r.code,
      level: Number(r.level),
      nameNb: r.name_nb.trim(),
      parentCode: blankToNull(r.parentCode),
      iscoCode: iscoCodes.has(r.code) ? r.code : null,
      navCategory: blankToNull(category?.nav_category_level1),
      navSubcategory: blankToNull(category?.nav_category_level2),
    };
  });

  return {
    version: manifest.version,
    checksum: manifestChecksum(manifest),
    skills,
    skillLabels,
    skillGroups,
    skillBroader,
    skillRelations,
    occupations,
    occupationLabels,
    titleSupplement,
    occupationSkills,
    glossary,
    iscoGroups,
    styrkGroups,
    skipped: [
      { file: 'skill_broader.csv', rows: skippedBroaderRows, reason: 'unknown skill or group' },
      { file: 'occupation_skill_relations.csv', rows: skippedLinkRows, reason: 'unknown occupation' },
      {
        file: 'occupation_labels_long.csv',
        rows: skippedLabelRows,
        reason: 'occupation not in this release',
      },
      { file: NORWEGIAN_SKILL_LABELS, rows: skippedNbRows, reason: 'skill not in this release' },
      { file: GLOSSARY, rows: glossarySkipped.rows, reason: 'none of its skills in this release' },
      { file: TITLE_SUPPLEMENT, rows: skippedSupplementRows, reason: 'occupation not in this release' },
    ].filter((s) => s.rows > 0),
  };
}

/** What the skill resolver indexes (see resolverEntries), straight from a release's files: for evaluations. */
export function resolverSourcesOf(data: TaxonomyData): ResolverSources {
  const occupations = new Map(data.occupations.map((o) => [o.id, o]));
  const skills = new Map(data.skills.map((s) => [s.id, s]));
  const langs: readonly string[] = OCCUPATION_NAME_LANGS;
  return {
    skillLabels: data.skillLabels.map((l) => ({ id: l.skillId, lang: l.lang, kind: l.kind, label: l.label })),
    glossary: data.glossary,
    occupationNames: [...data.occupationLabels, ...data.titleSupplement]
      .filter((l) => l.kind !== 'hidden' && langs.includes(l.lang))
      .map((l) => ({ id: l.occupationId, lang: l.lang, label: l.label })),
    essentialLinks: data.occupationSkills
      .filter((l) => l.relation === 'essential')
      .map((l) => ({
        occupationId: l.occupationId,
        occupationLabel: occupations.get(l.occupationId)!.preferredLabel,
        iscoGroup: occupations.get(l.occupationId)!.iscoGroup,
        skillId: l.skillId,
        skillLabel: skills.get(l.skillId)!.preferredLabel,
        skillType: skills.get(l.skillId)!.type,
      })),
  };
}

/** The release a folder holds, without reading the data files: enough to tell whether an import has work. */
export function readManifest(dir: string): Manifest & { checksum: string } {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (err) {
    throw new TaxonomyDataError(`cannot read ${join(dir, 'manifest.json')}: ${(err as Error).message}`);
  }
  expect(typeof manifest.version === 'string' && manifest.version.length > 0, 'manifest.json: no version');
  expect(typeof manifest.files === 'object' && manifest.files !== null, 'manifest.json: no files');
  return { ...manifest, checksum: manifestChecksum(manifest) };
}

function manifestChecksum(m: Manifest): string {
  const lines = Object.keys(m.files)
    .sort()
    .map((f) => `${f} ${m.files[f]}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

function readTable(dir: string, manifest: Manifest, file: string): Row[] {
  const expected = manifest.files[file];
  expect(expected !== undefined, `manifest.json does not list ${file}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, file));
  } catch (err) {
    throw new TaxonomyDataError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const actual = createHash('sha256').update(bytes).digest('hex');
  expect(
    actual === expected,
    `${file} is corrupted: its sha256 is ${actual}, manifest.json says ${expected}`,
  );
  let rows: Row[];
  // Files people review by hand (the glossary) ship as plain CSV; ESCO's bulk files are gzip-compressed.
  const gz = file.endsWith('.gz');
  try {
    rows = parse<Row>(gz ? gunzipSync(bytes) : bytes, { columns: true, skip_empty_lines: true, bom: true });
  } catch (err) {
    throw new TaxonomyDataError(
      `${file} is not a valid ${gz ? 'gzip-compressed ' : ''}CSV: ${(err as Error).message}`,
    );
  }
  expect(rows.length > 0, `${file} has no rows`);
  return rows;
}

/** Preferred, alternative and hidden labels of each row, one tuple per distinct (id, lang, kind, label). */
function labelRows(rows: Row[], lang: string | ((r: Row) => string)): [string, string, LabelKind, string][] {
  const out: [string, string, LabelKind, string][] = [];
  for (const r of rows) {
    const l = typeof lang === 'string' ? lang : lang(r);
    const seen = new Set<string>();
    const push = (kind: LabelKind, label: string) => {
      const key = `${kind}\u0000${label}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push([r.id, l, kind, label]);
    };
    if (r.preferredLabel?.trim()) push('preferred', r.preferredLabel.trim());
    multi(r.altLabels).forEach((a) => push('alt', a));
    multi(r.hiddenLabels).forEach((h) => push('hidden', h));
  }
  return out;
}

/**
 * The glossary's rows checked: a known language, a term, 1–4 skill ids. A term that folds like an earlier one
 * of its language ("problem solving", "problem-solving") is one entry to the resolver: the file must say it once.
 * Skills this release does not define are left out, and a word left with none is skipped and counted.
 */
function readGlossary(rows: Row[], skillIds: Set<string>, skipped: { rows: number }): GlossaryFileRow[] {
  const seen = new Map<string, number>();
  return rows.flatMap((r, i) => {
    const at = `${GLOSSARY} line ${i + 2}`;
    expect(
      (GLOSSARY_LANGS as readonly string[]).includes(r.lang),
      `${at}: lang "${r.lang}" is not one of ${GLOSSARY_LANGS.join(', ')}`,
    );
    const term = r.term?.trim() ?? '';
    expect(
      term.length <= 100 && fold(term).length > 0,
      `${at}: term must be 1–100 characters with a letter or digit`,
    );
    const ids = multi(r.skills?.replaceAll('|', ' | '));
    expect(ids.length >= 1 && ids.length <= 4, `${at}: skills must name 1–4 skill ids`);
    for (const id of ids) expect(SKILL_ID.test(id), `${at}: "${id}" is not an ESCO skill id`);
    const key = `${r.lang}\u0000${fold(term)}`;
    const first = seen.get(key);
    expect(first === undefined, `${at}: "${term}" (${r.lang}) is the same word as line ${first}`);
    seen.set(key, i + 2);
    const known = ids.filter((id) => skillIds.has(id));
    if (known.length === 0) {
      skipped.rows++;
      return [];
    }
    return [{ lang: r.lang, term, skillIds: known, note: blankToNull(r.note) }];
  });
}

function relation(value: string, at: string): Relation {
  expect(
    value === 'essential' || value === 'optional',
    `${at}: relationType "${value}" is not essential/optional`,
  );
  return value;
}

function expect(ok: boolean, message: string): asserts ok {
  if (!ok) throw new TaxonomyDataError(message);
}
