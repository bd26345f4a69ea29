import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { isValidLatLng, type LatLng } from './distance';
import { foldName } from './fold';

/** A Norwegian municipality (kommune) under its 2024 number; the point is its main town, not its centroid. */
export interface Municipality extends LatLng {
  /** Four-digit kommunenummer, e.g. '0301'. */
  readonly code: string;
  readonly name: string;
  /** County (fylke) name, e.g. 'Vestland'. */
  readonly county: string;
}

/**
 * A postcode with one representative point of its own (Erik Bolstad's, see data/geo/SOURCE_AND_LICENSE.md),
 * or, for the few postcodes his data lacks, its municipality's point.
 */
export interface Postcode extends LatLng {
  readonly postcode: string;
  /** The post town (poststed) as Posten writes it, in capitals, e.g. 'KRISTIANSAND S'. */
  readonly place: string;
  readonly municipalityCode: string;
  /** Whose point lat/lng is: the postcode's own, or its municipality's when the data has none for it. */
  readonly pointFrom: 'postcode' | 'municipality';
}

/** A postcode as the data file has it: without a point when the source had none. */
export type PostcodeEntry = Omit<Postcode, 'lat' | 'lng' | 'pointFrom'> & Partial<LatLng>;

/** A shipped geo file that is missing or malformed. */
export class GeoDataError extends Error {
  override name = 'GeoDataError';
}

const CODE_RE = /^\d{4}$/;
// Codes pass through spreadsheets and number fields that drop leading zeros ('301' for Oslo, '668' for 0668).
const SHORT_CODE_RE = /^\d{1,4}$/;
// "Herøy (Nordland)": how official lists tell apart the names two counties share.
const QUALIFIED_NAME_RE = /^(.*?)\s*\(([^()]*)\)$/;

export class Gazetteer {
  private readonly byCode = new Map<string, Municipality>();
  private readonly byName = new Map<string, Municipality[]>();
  private readonly byPostcode = new Map<string, Postcode>();
  private readonly list: readonly Municipality[];
  private readonly postcodeList: readonly Postcode[];

  constructor(municipalities: Iterable<Municipality>, postcodes: Iterable<PostcodeEntry>) {
    for (const m of municipalities) {
      const frozen = Object.freeze({ ...m });
      if (this.byCode.has(m.code)) throw new GeoDataError(`municipality ${m.code} appears twice`);
      this.byCode.set(m.code, frozen);
      const key = foldName(m.name);
      this.byName.set(key, [...(this.byName.get(key) ?? []), frozen]);
    }
    for (const { lat, lng, ...p } of postcodes) {
      const m = this.byCode.get(p.municipalityCode);
      if (!m)
        throw new GeoDataError(`postcode ${p.postcode} names unknown municipality ${p.municipalityCode}`);
      if (this.byPostcode.has(p.postcode)) throw new GeoDataError(`postcode ${p.postcode} appears twice`);
      const own = lat !== undefined && lng !== undefined;
      this.byPostcode.set(
        p.postcode,
        Object.freeze({
          ...p,
          ...(own ? { lat, lng } : { lat: m.lat, lng: m.lng }),
          pointFrom: own ? 'postcode' : 'municipality',
        }),
      );
    }
    this.list = Object.freeze([...this.byCode.values()]);
    this.postcodeList = Object.freeze(
      [...this.byPostcode.values()].sort((a, b) => a.postcode.localeCompare(b.postcode)),
    );
  }

  /** Reads municipalities.csv.gz and postcodes.csv.gz from `dir`, synchronously, checking every row. */
  static load(dir: string): Gazetteer {
    const municipalities = readCsv(join(dir, 'municipalities.csv.gz'), [
      'code',
      'name',
      'county',
      'lat',
      'lng',
    ]).map(([code, name, county, lat, lng], i) => {
      const where = `municipalities.csv.gz row ${i + 2}`;
      check(CODE_RE.test(code), `${where}: bad code ${JSON.stringify(code)}`);
      check(name.length > 0 && county.length > 0, `${where}: empty name or county`);
      return { code, name, county, ...point(lat, lng, where) };
    });
    const postcodes = readCsv(join(dir, 'postcodes.csv.gz'), [
      'postcode',
      'place',
      'municipality_code',
      'lat',
      'lng',
    ]).map(([postcode, place, municipalityCode, lat, lng], i) => {
      const where = `postcodes.csv.gz row ${i + 2}`;
      check(CODE_RE.test(postcode), `${where}: bad postcode ${JSON.stringify(postcode)}`);
      check(
        CODE_RE.test(municipalityCode),
        `${where}: bad municipality code ${JSON.stringify(municipalityCode)}`,
      );
      check(place.length > 0, `${where}: empty place`);
      // Both cells empty: the source has no point for this postcode, and the constructor falls back.
      const own = lat === '' && lng === '' ? {} : point(lat, lng, where);
      return { postcode, place, municipalityCode, ...own };
    });
    return new Gazetteer(municipalities, postcodes);
  }

  /**
   * By kommunenummer ('0301', or '301' with the zero lost) or by name, ignoring case, accents and how æ, ø and
   * å are spelled ('oslo', 'Bærum', 'baerum', 'Tromso'). A name two counties share ('Herøy', 'Våler') finds
   * nothing unless qualified: 'Herøy (Nordland)'.
   */
  municipality(codeOrName: string): Municipality | undefined {
    const query = codeOrName.trim();
    if (SHORT_CODE_RE.test(query)) return this.byCode.get(query.padStart(4, '0'));
    const qualified = QUALIFIED_NAME_RE.exec(query);
    const hits = this.byName.get(foldName(qualified ? qualified[1] : query)) ?? [];
    const county = qualified ? foldName(qualified[2]) : undefined;
    const matching = county === undefined ? hits : hits.filter((m) => foldName(m.county) === county);
    return matching.length === 1 ? matching[0] : undefined;
  }

  /** By four-digit postcode; '668' finds 0668 because spreadsheets drop the leading zero. */
  postcode(code: string): Postcode | undefined {
    const query = code.trim();
    return SHORT_CODE_RE.test(query) ? this.byPostcode.get(query.padStart(4, '0')) : undefined;
  }

  /** Every municipality, ordered by code. */
  municipalities(): readonly Municipality[] {
    return this.list;
  }

  /** Every postcode, ordered. */
  postcodes(): readonly Postcode[] {
    return this.postcodeList;
  }
}

/**
 * The shipped data/geo folder. Walks up because source (libs/geo/src) and build output (dist/…) sit at
 * different depths below the checkout or image root.
 */
export function shippedGeoData(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'data', 'geo');
    if (existsSync(candidate)) return candidate;
  }
  throw new GeoDataError(`data/geo not found in ${__dirname} or any folder above it`);
}

let shared: Gazetteer | undefined;

/** The gazetteer of the shipped data, read on first use and then kept, so a process parses the files once. */
export function gazetteer(): Gazetteer {
  shared ??= Gazetteer.load(shippedGeoData());
  return shared;
}

function readCsv(file: string, header: readonly string[]): string[][] {
  let rows: string[][];
  // csv-parse itself refuses a row whose field count differs from the header's.
  try {
    rows = parse(gunzipSync(readFileSync(file)), { skip_empty_lines: true, bom: true });
  } catch (err) {
    throw new GeoDataError(`cannot read ${file} as a gzip-compressed CSV: ${(err as Error).message}`);
  }
  const [first, ...body] = rows;
  check(first?.join(',') === header.join(','), `${file}: header is not ${header.join(',')}`);
  check(body.length > 0, `${file} has no rows`);
  return body;
}

function point(lat: string, lng: string, where: string): LatLng {
  const p = { lat: Number(lat), lng: Number(lng) };
  check(lat !== '' && lng !== '' && isValidLatLng(p), `${where}: bad coordinates ${lat},${lng}`);
  return p;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new GeoDataError(message);
}
