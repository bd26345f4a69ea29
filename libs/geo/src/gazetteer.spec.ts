import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { haversineKm, type LatLng } from './distance';
import { foldName } from './fold';
import { Gazetteer, GeoDataError, gazetteer, shippedGeoData } from './gazetteer';

describe('the shipped gazetteer', () => {
  const geo = gazetteer();

  it('is read once per process', () => {
    expect(gazetteer()).toBe(geo);
    expect(basename(shippedGeoData())).toBe('geo');
    expect(basename(dirname(shippedGeoData()))).toBe('data');
  });

  it('has the 357 municipalities of the 2024 structure, ordered by code', () => {
    const codes = geo.municipalities().map((m) => m.code);
    expect(codes).toHaveLength(357);
    expect([...codes].sort()).toEqual(codes);
    // 2024 county numbers; Viken (30), Vestfold og Telemark (38) and Troms og Finnmark (54) are gone.
    expect(new Set(codes.map((c) => c.slice(0, 2)))).toEqual(
      new Set(['03', '11', '15', '18', '31', '32', '33', '34', '39', '40', '42', '46', '50', '55', '56']),
    );
  });

  it.each([
    ['0301', 'Oslo', 'Oslo', { lat: 59.91, lng: 10.75 }],
    ['4601', 'Bergen', 'Vestland', { lat: 60.39, lng: 5.32 }],
    ['5001', 'Trondheim', 'Trøndelag', { lat: 63.43, lng: 10.4 }],
    ['5501', 'Tromsø', 'Troms', { lat: 69.65, lng: 18.96 }],
    ['3301', 'Drammen', 'Buskerud', { lat: 59.74, lng: 10.2 }],
  ])('places %s %s (%s) at its town centre', (code, name, county, centre: LatLng) => {
    const m = geo.municipality(code);
    expect(m).toMatchObject({ code, name, county });
    expect(haversineKm(m!, centre)).toBeLessThan(2);
  });

  it('finds a municipality by code with or without the leading zero', () => {
    expect(geo.municipality('301')?.name).toBe('Oslo');
    expect(geo.municipality(' 0301 ')?.name).toBe('Oslo');
  });

  it('finds a municipality by name regardless of case, accents and æøå spelling', () => {
    expect(geo.municipality('oslo')?.code).toBe('0301');
    for (const typed of ['Bærum', 'baerum', 'BARUM', ' bærum '])
      expect(geo.municipality(typed)?.code).toBe('3201');
    expect(geo.municipality('Tromso')?.code).toBe('5501');
    expect(geo.municipality('Aalesund')?.code).toBe('1508');
    expect(geo.municipality('nord-aurdal')?.code).toBe('3451');
  });

  it('needs the county for a name two counties share', () => {
    expect(geo.municipality('Herøy')).toBeUndefined();
    expect(geo.municipality('Herøy (Nordland)')?.code).toBe('1818');
    expect(geo.municipality('heroy (more og romsdal)')?.code).toBe('1515');
    expect(geo.municipality('Våler (Østfold)')?.code).toBe('3114');
    expect(geo.municipality('Våler (Innlandet)')?.code).toBe('3419');
    expect(geo.municipality('Våler (Troms)')).toBeUndefined();
  });

  it('has no other names that fold together', () => {
    const counts = new Map<string, number>();
    for (const m of geo.municipalities())
      counts.set(foldName(m.name), (counts.get(foldName(m.name)) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1).map(([name]) => name)).toEqual(['heroy', 'valer']);
  });

  it.each(['9999', '0000', '12345', 'Atlantis', '', '   '])('finds no municipality for %j', (query) => {
    expect(geo.municipality(query)).toBeUndefined();
  });

  it('finds postcodes, also with the leading zero lost', () => {
    expect(geo.postcode('1337')).toMatchObject({
      postcode: '1337',
      place: 'SANDVIKA',
      municipalityCode: '3201',
    });
    expect(geo.postcode('5003')).toMatchObject({ place: 'BERGEN', municipalityCode: '4601' });
    expect(geo.postcode('9008')).toMatchObject({ place: 'TROMSØ', municipalityCode: '5501' });
    expect(geo.postcode('668')?.postcode).toBe('0668');
  });

  it('puts Alnabru (0668) at Alnabru, not at the Oslo point', () => {
    const alnabru = geo.postcode('0668')!;
    expect(alnabru).toMatchObject({ place: 'OSLO', municipalityCode: '0301', pointFrom: 'postcode' });
    expect(haversineKm(alnabru, { lat: 59.93, lng: 10.84 })).toBeLessThan(1);
    expect(haversineKm(alnabru, geo.municipality('0301')!)).toBeGreaterThan(5);
  });

  it('puts two Oslo postcodes a real distance apart: 0154 (Oslo S) to 1051 (Furuset) is 9.1 km', () => {
    // 0150, the other "sentrum" example one might pick, is the fjord islands (59.8906,10.7128): 11.9 km.
    expect(haversineKm(geo.postcode('0154')!, geo.postcode('1051')!)).toBeCloseTo(9.15, 1);
  });

  it('gives Oslo’s postcodes hundreds of points, not one', () => {
    const oslo = geo.postcodes().filter((p) => p.municipalityCode === '0301');
    expect(oslo).toHaveLength(637);
    expect(new Set(oslo.map((p) => `${p.lat},${p.lng}`)).size).toBe(571);
  });

  it.each([
    ['8682', 'TROFORS', '1825'], // after Bolstad's data ends (2021)
    ['1553', 'SON', '3216'],
    ['9523', 'KAUTOKEINO', '5612'], // his point has longitude 84, in Siberia: the build drops it
  ])('gives %s %s, which has no point of its own, its municipality’s', (code, place, municipalityCode) => {
    const m = geo.municipality(municipalityCode)!;
    expect(geo.postcode(code)).toEqual({
      postcode: code,
      place,
      municipalityCode,
      lat: m.lat,
      lng: m.lng,
      pointFrom: 'municipality',
    });
  });

  it('has a point of its own for all but 48 postcodes', () => {
    const fallbacks = geo.postcodes().filter((p) => p.pointFrom === 'municipality');
    expect(fallbacks).toHaveLength(48);
    expect(geo.postcodes()).toHaveLength(5138);
  });

  it.each([
    ['3015', 'DRAMMEN', '3301'], // 3005 Drammen (Viken) in Bolstad's 2020 numbers
    ['1337', 'SANDVIKA', '3201'], // 3024 Bærum (Viken)
    ['3717', 'SKIEN', '4003'], // 3807 Skien (Vestfold og Telemark)
    ['9008', 'TROMSØ', '5501'], // 5401 Tromsø (Troms og Finnmark)
    ['6264', 'TENNFJORD', '1580'], // 1507 Ålesund in 2020; Haram since 2024
  ])('gives %s %s the 2024 municipality number %s', (code, place, municipalityCode) => {
    expect(geo.postcode(code)).toMatchObject({ place, municipalityCode, pointFrom: 'postcode' });
  });

  it('lists postcodes in order and places each near its own municipality', () => {
    const codes = geo.postcodes().map((p) => p.postcode);
    expect([...codes].sort()).toEqual(codes);
    for (const p of geo.postcodes()) {
      // The farthest is Kunes in Lebesby, ~74 km; the build refuses points beyond 100 km.
      expect(haversineKm(p, geo.municipality(p.municipalityCode)!)).toBeLessThan(80);
    }
  });

  it.each(['9999', '0000', 'abcd', '12345', ''])('finds no postcode for %j', (query) => {
    expect(geo.postcode(query)).toBeUndefined();
  });

  it('hands out frozen records, so one caller cannot change another’s data', () => {
    expect(Object.isFrozen(geo.municipality('0301'))).toBe(true);
    expect(Object.isFrozen(geo.postcode('0668'))).toBe(true);
    expect(Object.isFrozen(geo.municipalities())).toBe(true);
    expect(Object.isFrozen(geo.postcodes())).toBe(true);
  });
});

describe('Gazetteer', () => {
  const oslo = { code: '0301', name: 'Oslo', county: 'Oslo', lat: 59.9, lng: 10.7 };
  const postcode = { postcode: '0668', place: 'OSLO', municipalityCode: '0301', lat: 59.93, lng: 10.85 };

  it('gives a postcode without a point its municipality’s', () => {
    const geo = new Gazetteer([oslo], [{ postcode: '0668', place: 'OSLO', municipalityCode: '0301' }]);
    expect(geo.postcode('0668')).toMatchObject({ lat: 59.9, lng: 10.7, pointFrom: 'municipality' });
    expect(new Gazetteer([oslo], [postcode]).postcode('0668')).toEqual({
      ...postcode,
      pointFrom: 'postcode',
    });
  });

  it('refuses a postcode of an unknown municipality', () => {
    expect(() => new Gazetteer([], [postcode])).toThrow(GeoDataError);
  });

  it('refuses duplicates', () => {
    expect(() => new Gazetteer([oslo, oslo], [])).toThrow(/appears twice/);
    expect(() => new Gazetteer([oslo], [postcode, postcode])).toThrow(/appears twice/);
  });

  describe('load', () => {
    let dir: string;
    const municipalitiesCsv = 'code,name,county,lat,lng\n0301,Oslo,Oslo,59.9,10.7\n';
    const write = (file: string, text: string) => writeFileSync(join(dir, file), gzipSync(text));

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'geo-'));
      write('municipalities.csv.gz', municipalitiesCsv);
      write('postcodes.csv.gz', 'postcode,place,municipality_code,lat,lng\n0668,OSLO,0301,59.93,10.85\n');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('reads well-formed files', () => {
      const geo = Gazetteer.load(dir);
      expect(geo.postcode('0668')).toEqual({ ...postcode, pointFrom: 'postcode' });
      expect(geo.municipalities()).toEqual([oslo]);
    });

    it('reads a postcode with both coordinates empty as one without a point', () => {
      write('postcodes.csv.gz', 'postcode,place,municipality_code,lat,lng\n0668,OSLO,0301,,\n');
      expect(Gazetteer.load(dir).postcode('0668')).toMatchObject({
        lat: 59.9,
        lng: 10.7,
        pointFrom: 'municipality',
      });
    });

    it.each([
      ['a missing file', 'postcodes.csv.gz', null, /cannot read/],
      ['a file that is not gzip', 'postcodes.csv.gz', 'plain', /cannot read/],
      [
        'a wrong header',
        'municipalities.csv.gz',
        'kode,navn,fylke,lat,lng\n0301,Oslo,Oslo,59.9,10.7\n',
        /header/,
      ],
      ['no rows', 'municipalities.csv.gz', 'code,name,county,lat,lng\n', /no rows/],
      [
        'a postcode with one coordinate',
        'postcodes.csv.gz',
        'postcode,place,municipality_code,lat,lng\n0668,OSLO,0301,59.93,\n',
        /coordinates/,
      ],
      ['a short row', 'municipalities.csv.gz', 'code,name,county,lat,lng\n0301,Oslo,Oslo,59.9\n', /line 2/],
      [
        'a bad code',
        'municipalities.csv.gz',
        'code,name,county,lat,lng\n301,Oslo,Oslo,59.9,10.7\n',
        /bad code/,
      ],
      [
        'a bad latitude',
        'municipalities.csv.gz',
        'code,name,county,lat,lng\n0301,Oslo,Oslo,99,10.7\n',
        /coordinates/,
      ],
      [
        'an empty longitude',
        'municipalities.csv.gz',
        'code,name,county,lat,lng\n0301,Oslo,Oslo,59.9,\n',
        /coordinates/,
      ],
    ])('refuses %s', (_label, file, text, message) => {
      if (text === null) rmSync(join(dir, file));
      else if (text === 'plain') writeFileSync(join(dir, file), 'postcode,place\n');
      else write(file, text);
      expect(() => Gazetteer.load(dir)).toThrow(GeoDataError);
      expect(() => Gazetteer.load(dir)).toThrow(message);
    });
  });
});
