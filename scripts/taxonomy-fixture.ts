/*
 * `npm run taxonomy:fixture`: cuts the small, real slice of the taxonomy that tests import
 * (test/fixtures/taxonomy) out of data/taxonomy. A full import builds 17,000 search documents, which takes
 * a minute on two cores; every test file that boots the system would pay for it. The slice keeps a few
 * occupations that Brobygger's candidates often go into, with all their skills and everything those refer to,
 * so tests use ESCO's own labels, not invented ones.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { ROOT } from './lib/build.ts';

const SOURCE = join(ROOT, 'data', 'taxonomy');
const TARGET = join(ROOT, 'test', 'fixtures', 'taxonomy');
const OCCUPATIONS = [
  'welder',
  'cook',
  'bus driver',
  'kitchen porter',
  'warehouse worker',
  'forklift operator',
  'building cleaner',
  'healthcare assistant',
  'software developer',
  'shop assistant',
];

type Row = Record<string, string>;
const read = (file: string): Row[] => {
  const bytes = readFileSync(join(SOURCE, file));
  return parse<Row>(file.endsWith('.gz') ? gunzipSync(bytes) : bytes, { columns: true, bom: true });
};

const occupations = read('occupations_en.csv.gz').filter((o) => OCCUPATIONS.includes(o.preferredLabel));
if (occupations.length !== OCCUPATIONS.length) throw new Error('an occupation of the slice is not in ESCO');
const occupationIds = new Set(occupations.map((o) => o.id));
const links = read('occupation_skill_relations.csv.gz').filter((l) => occupationIds.has(l.occupation_id));
const skillIds = new Set(links.map((l) => l.skill_id));
const skills = read('skills_en.csv.gz').filter((s) => skillIds.has(s.id));

// The hierarchy above the slice's skills, up to the top, so broader/narrower and siblings can be computed.
const broader = read('skill_broader.csv.gz');
const concepts = new Set(skillIds);
for (let grew = true; grew;) {
  grew = false;
  for (const b of broader) {
    if (concepts.has(b.id) && !concepts.has(b.broader_id)) {
      concepts.add(b.broader_id);
      grew = true;
    }
  }
}
const groups = read('skill_groups_en.csv.gz').filter((g) => concepts.has(g.id));
const keptConcepts = new Set([...skillIds, ...groups.map((g) => g.id)]);

const tables: Record<string, Row[]> = {
  'skills_en.csv.gz': skills,
  'skill_groups_en.csv.gz': groups,
  'skill_broader.csv.gz': broader.filter((b) => keptConcepts.has(b.id) && keptConcepts.has(b.broader_id)),
  'skill_skill_relations.csv.gz': read('skill_skill_relations.csv.gz').filter(
    (r) => skillIds.has(r.skill_id) && skillIds.has(r.related_skill_id),
  ),
  'occupations_en.csv.gz': occupations,
  'occupation_skill_relations.csv.gz': links,
  'occupation_labels_long.csv.gz': read('occupation_labels_long.csv.gz').filter((l) =>
    occupationIds.has(l.id),
  ),
  'isco08_groups_en.csv.gz': read('isco08_groups_en.csv.gz'),
  'isco08_groups_no.csv.gz': read('isco08_groups_no.csv.gz'),
  'styrk08_ssb.csv.gz': read('styrk08_ssb.csv.gz'),
  'styrk08_nav_yrkeskategori.csv.gz': read('styrk08_nav_yrkeskategori.csv.gz'),
  'skills_nb.csv.gz': read('skills_nb.csv.gz').filter((l) => skillIds.has(l.id)),
  'occupation_titles_supplement.csv': read('occupation_titles_supplement.csv').filter((t) =>
    occupationIds.has(t.occupation_id),
  ),
  // A glossary word stays with those of its skills that are in the slice, in the glossary's order.
  'glossary.csv': read('glossary.csv').flatMap((g) => {
    const kept = g.skills.split('|').filter((id) => skillIds.has(id));
    return kept.length ? [{ ...g, skills: kept.join('|') }] : [];
  }),
};

const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
mkdirSync(TARGET, { recursive: true });
const files: Record<string, string> = {};
for (const [file, rows] of Object.entries(tables)) {
  const columns = Object.keys(rows[0]);
  const csv = [columns, ...rows.map((r) => columns.map((c) => r[c] ?? ''))]
    .map((line) => line.map(cell).join(','))
    .join('\n');
  // The glossary and the title supplement are read by people: plain text, as in data/taxonomy.
  const bytes = file.endsWith('.gz') ? gzipSync(`${csv}\n`, { level: 9 }) : Buffer.from(`${csv}\n`);
  writeFileSync(join(TARGET, file), bytes);
  files[file] = createHash('sha256').update(bytes).digest('hex');
}
const manifest = {
  version: 'fixture-2',
  description: `A slice of ESCO v1.1.1 for tests: ${OCCUPATIONS.join(', ')}, their ${skills.length} skills`,
  files,
};
writeFileSync(join(TARGET, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(manifest.description);
