import type { Meilisearch, Settings } from 'meilisearch';
import { fold } from '@brobygger/taxonomy';
import {
  OCCUPATIONS_INDEX,
  REUSE_RANK,
  SKILLS_INDEX,
  escoKey,
  indexUid,
  occupationIndexSettings,
  settled,
  skillIndexSettings,
  type OccupationDocument,
  type SkillDocument,
} from '@brobygger/search';
import type { TaxonomyData } from './taxonomy-source';

const BATCH = 5_000;
/** Building 14k documents with every label can take minutes on two cores. */
const TASK_TIMEOUT_MS = 10 * 60_000;

/**
 * Builds the skills and occupations indexes of a release beside the live ones and swaps them in, so search
 * answers from the old index until the new one is complete, and a failed build changes nothing.
 */
export async function indexTaxonomy(meili: Meilisearch, prefix: string, data: TaxonomyData): Promise<void> {
  await buildAndSwap(
    meili,
    indexUid(prefix, SKILLS_INDEX),
    skillIndexSettings(skillSynonyms(data)),
    skillDocuments(data),
  );
  await buildAndSwap(
    meili,
    indexUid(prefix, OCCUPATIONS_INDEX),
    occupationIndexSettings(),
    occupationDocuments(data),
  );
}

async function buildAndSwap(meili: Meilisearch, uid: string, settings: Settings, docs: object[]) {
  const next = `${uid}-next`;
  await settled(meili.deleteIndex(next), TASK_TIMEOUT_MS).catch(() => undefined); // a failed earlier build
  await settled(meili.createIndex(next, { primaryKey: 'key' }), TASK_TIMEOUT_MS);
  await settled(meili.index(next).updateSettings(settings), TASK_TIMEOUT_MS);
  for (let i = 0; i < docs.length; i += BATCH) {
    await settled(meili.index(next).addDocuments(docs.slice(i, i + BATCH)), TASK_TIMEOUT_MS);
  }
  const live = await meili
    .getIndex(uid)
    .then(() => true)
    .catch(() => false);
  if (!live) await settled(meili.createIndex(uid, { primaryKey: 'key' }), TASK_TIMEOUT_MS);
  await settled(meili.swapIndexes([{ indexes: [uid, next], rename: false }]), TASK_TIMEOUT_MS);
  await settled(meili.deleteIndex(next), TASK_TIMEOUT_MS);
}

export function skillDocuments(data: TaxonomyData): SkillDocument[] {
  const labels = new Map<string, { alt: string[]; hidden: string[]; other: string[] }>();
  const entryOf = (id: string) =>
    labels.get(id) ?? labels.set(id, { alt: [], hidden: [], other: [] }).get(id)!;
  for (const l of data.skillLabels) {
    if (l.lang !== 'en') entryOf(l.skillId).other.push(l.label);
    else if (l.kind !== 'preferred')
      (l.kind === 'alt' ? entryOf(l.skillId).alt : entryOf(l.skillId).hidden).push(l.label);
  }
  // Glossary words find their skills while being typed ("svei…" → welding), in every language.
  for (const g of data.glossary) for (const id of g.skillIds) entryOf(id).other.push(g.term);
  return data.skills.map((s) => ({
    key: escoKey(s.id),
    id: s.id,
    type: s.type,
    reuseLevel: s.reuseLevel,
    reuseRank: REUSE_RANK[s.reuseLevel ?? ''] ?? 0,
    occupationCount: s.occupationCount,
    preferred_en: s.preferredLabel,
    // ESCO lists the preferred label among the alternatives too; once is enough.
    alt_en: (labels.get(s.id)?.alt ?? []).filter((a) => a !== s.preferredLabel),
    hidden_en: labels.get(s.id)?.hidden ?? [],
    labels_other: [...new Set(labels.get(s.id)?.other ?? [])],
  }));
}

export function occupationDocuments(data: TaxonomyData): OccupationDocument[] {
  const docs = new Map<string, Record<string, unknown>>();
  for (const o of data.occupations) docs.set(o.id, { key: escoKey(o.id), id: o.id, iscoGroup: o.iscoGroup });
  for (const l of [...data.occupationLabels, ...data.titleSupplement]) {
    const doc = docs.get(l.occupationId)!;
    if (l.kind === 'preferred') {
      doc[`preferred_${l.lang}`] = l.label;
    } else {
      ((doc[`${l.kind}_${l.lang}`] ??= []) as string[]).push(l.label);
    }
  }
  return [...docs.values()] as OccupationDocument[];
}

/**
 * Synonyms from ESCO's alternative labels: a short label that names exactly one skill maps to that skill's
 * other short labels, so "cooking" also finds what is filed as "prepare food". Long labels are left out (they
 * find their skill through its own alt_en field anyway) and so are labels shared by several skills, which
 * would pull unrelated skills into each other's results.
 */
export function skillSynonyms(data: TaxonomyData): Record<string, string[]> {
  const MAX_WORDS = 3;
  const owners = new Map<string, Set<string>>();
  const bySkill = new Map<string, string[]>();
  for (const l of data.skillLabels) {
    if (l.kind === 'hidden') continue;
    const f = fold(l.label);
    if (!f || f.split(' ').length > MAX_WORDS) continue;
    (owners.get(f) ?? owners.set(f, new Set()).get(f)!).add(l.skillId);
    const list = bySkill.get(l.skillId) ?? bySkill.set(l.skillId, []).get(l.skillId)!;
    if (!list.includes(f)) list.push(f);
  }
  const synonyms: Record<string, string[]> = {};
  for (const list of bySkill.values()) {
    const own = list.filter((f) => owners.get(f)!.size === 1);
    if (own.length < 2) continue;
    for (const f of own) synonyms[f] = own.filter((o) => o !== f);
  }
  return synonyms;
}
