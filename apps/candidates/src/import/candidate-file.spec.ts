import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { CreateCandidateDto, MAX_IMPORT_ROWS } from '@brobygger/contracts';
import { IMPORT_COLUMNS, importKeyOf, parseCandidateFile } from './candidate-file';

const ROOT = join(__dirname, '../../../..');
const NO_CONSENT = {
  searchable: false,
  shareWithEmployers: false,
  notifyEmail: false,
  notifySms: false,
  notifyInApp: false,
};
const SKILL = 'skill/f015c5d5-6a1c-4f63-9012-a05f4f34105e';
const WELDER = 'occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';

const csv = (...lines: string[]) => parseCandidateFile('csv', lines.join('\n'));
const jsonl = (...lines: string[]) => parseCandidateFile('jsonl', lines.join('\n'));

/** The one row of a file with a full_name column and the given column. */
function cell(column: string, value: string): Record<string, unknown> {
  const parsed = csv(`full_name;${column}`, `Amina Hassan;${value}`);
  expect(parsed.errors).toEqual([]);
  expect(parsed.rows).toHaveLength(1);
  return parsed.rows[0].data;
}

describe('parseCandidateFile: CSV', () => {
  it('reads every documented column into the DTO shape', () => {
    const header = IMPORT_COLUMNS.join(',');
    const values = [
      'MIF-0042',
      'Amina Hassan',
      'amina@example.org',
      '+47 912 34 567',
      'ar',
      '0668',
      '0301',
      '59.9311',
      '10.8367',
      '25',
      'ja',
      '"nb:B1/A2; ar:native; en:B2"',
      `"MIG welding|4|3; ${SKILL}|2; truckkjøring"`,
      `"Sveiser|Aker Solutions|SY|2015-03|2019-11; ${WELDER}||NO|2020-01|"`,
      '6|Mechanical engineering|UA|applied',
      '"Truckførerbevis T1; HMS-kort"',
      '"B; C1"',
      'granted',
      'collective protection',
      '2027-03-04',
      '2026-12-01',
      '80',
      'nei',
      WELDER,
      '"permanent; internship"',
      '"0301; 3205"',
      'yes',
      '2027-06-30',
      'ja',
      'nei',
      'ja',
      'nei',
      'ja',
      'ja',
      'active',
      'staff-17',
      '"Prefers mornings, has a child in kindergarten"',
    ];
    expect(values).toHaveLength(IMPORT_COLUMNS.length);

    const parsed = csv(header, values.join(','));

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        data: {
          externalRef: 'MIF-0042',
          fullName: 'Amina Hassan',
          email: 'amina@example.org',
          phone: '+47 912 34 567',
          preferredLanguage: 'ar',
          home: { postcode: '0668', municipality: '0301', lat: 59.9311, lng: 10.8367 },
          commuteKm: 25,
          drives: true,
          languages: [
            { code: 'nb', spoken: 'B1', written: 'A2' },
            { code: 'ar', native: true },
            { code: 'en', spoken: 'B2' },
          ],
          skills: [
            { text: 'MIG welding', level: 4, years: 3 },
            { skillId: SKILL, level: 2 },
            { text: 'truckkjøring' },
          ],
          experience: [
            { title: 'Sveiser', employer: 'Aker Solutions', country: 'SY', from: '2015-03', to: '2019-11' },
            { occupationId: WELDER, country: 'NO', from: '2020-01' },
          ],
          education: [
            { iscedLevel: 6, field: 'Mechanical engineering', country: 'UA', recognition: 'applied' },
          ],
          certificates: ['Truckførerbevis T1', 'HMS-kort'],
          drivingLicences: ['B', 'C1'],
          workPermit: { status: 'granted', type: 'collective protection', validUntil: '2027-03-04' },
          availability: { from: '2026-12-01', hoursPercent: 80, shiftsOk: false },
          wishes: {
            occupationIds: [WELDER],
            openingTypes: ['permanent', 'internship'],
            places: ['0301', '3205'],
          },
          introductionProgramme: { enrolled: true, endsOn: '2027-06-30' },
          consent: {
            searchable: true,
            shareWithEmployers: false,
            notifyEmail: true,
            notifySms: false,
            notifyInApp: true,
          },
          notificationDigest: true,
          status: 'active',
          assignedStaff: 'staff-17',
          staffNotes: 'Prefers mornings, has a child in kindergarten',
        },
      },
    ]);
  });

  it('detects ; (Excel in Norway), with decimal commas and ; inside quoted cells', () => {
    const parsed = csv(
      'full_name;lat;lng;languages',
      'Amina Hassan;59,9311;10,8367;"nb:B1/A2; ar:native"',
      '"Hassan; Yusuf";59.91;10.75;so:native',
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.data)).toEqual([
      expect.objectContaining({
        fullName: 'Amina Hassan',
        home: { lat: 59.9311, lng: 10.8367 },
        languages: [
          { code: 'nb', spoken: 'B1', written: 'A2' },
          { code: 'ar', native: true },
        ],
      }),
      expect.objectContaining({ fullName: 'Hassan; Yusuf', home: { lat: 59.91, lng: 10.75 } }),
    ]);
  });

  it('detects , and keeps , inside quoted cells', () => {
    const parsed = csv('full_name,staff_notes,lat', 'Amina Hassan,"Oslo, then Lillestrøm","59,93"');

    expect(parsed.rows[0].data).toMatchObject({
      fullName: 'Amina Hassan',
      staffNotes: 'Oslo, then Lillestrøm',
      home: { lat: 59.93 },
    });
  });

  it('detects tabs', () => {
    const parsed = csv(
      'full_name\temail\tcertificates',
      'Amina Hassan\tamina@example.org\tHMS-kort; Hygienekurs',
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0].data).toMatchObject({
      fullName: 'Amina Hassan',
      email: 'amina@example.org',
      certificates: ['HMS-kort', 'Hygienekurs'],
    });
  });

  it('takes the delimiter from the header even when cells hold the other one', () => {
    const parsed = csv('full_name;staff_notes', 'Amina Hassan;"a, b, c, d, e"');

    expect(parsed.rows[0].data).toMatchObject({ fullName: 'Amina Hassan', staffNotes: 'a, b, c, d, e' });
  });

  it('drops a BOM and reads CRLF line ends', () => {
    const parsed = parseCandidateFile('csv', '\uFEFFfull_name;email\r\nAmina Hassan;amina@example.org\r\n');

    expect(parsed).toEqual({
      rows: [
        { line: 2, data: expect.objectContaining({ fullName: 'Amina Hassan', email: 'amina@example.org' }) },
      ],
      errors: [],
    });
  });

  it.each([['full_name'], ['Full name'], ['FULL-NAME'], ['fullName'], [' full_name '], ['Full_Name']])(
    'knows the header %p as full_name',
    (name) => {
      expect(
        csv(`${name};E-mail;Consent share with employers`, 'Amina;a@example.org;ja').rows[0].data,
      ).toMatchObject({
        fullName: 'Amina',
        email: 'a@example.org',
        consent: { shareWithEmployers: true },
      });
    },
  );

  it('refuses a file with an unknown column, naming it once on line 1', () => {
    const parsed = csv(
      'full_name;Fødselsdato;email',
      'Amina;1990-01-01;a@example.org',
      'Yusuf;1985-05-05;y@example.org',
    );

    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 1, field: 'Fødselsdato', message: expect.stringContaining('unknown column "Fødselsdato"') },
    ]);
  });

  it('names each unknown column', () => {
    const parsed = csv('full_name;religion;nationality', 'Amina;x;y');

    expect(parsed.rows).toEqual([]);
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([
      [1, 'religion'],
      [1, 'nationality'],
    ]);
  });

  it('refuses a file without a full_name column', () => {
    const parsed = csv('name;email', 'Amina;a@example.org');

    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 1, field: 'name', message: expect.stringContaining('unknown column') },
      { line: 1, field: 'full_name', message: expect.stringContaining('no full_name column') },
    ]);
  });

  it('refuses a file with one column twice', () => {
    const parsed = csv('full_name;email;E-mail', 'Amina;a@example.org;b@example.org');

    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 1, field: 'E-mail', message: expect.stringContaining('same column as "email"') },
    ]);
  });

  it('reports the header line when blank lines come before it', () => {
    const parsed = csv('', '  ', 'full_name;hobby', 'Amina;chess');

    expect(parsed.errors).toEqual([{ line: 3, field: 'hobby', message: expect.any(String) }]);
  });

  it('leaves empty cells out, says no to consent not given, and gives an empty skills list', () => {
    const parsed = csv(
      'full_name;email;phone;postcode;languages;skills;consent_searchable;permit_type',
      'Amina Hassan;;  ;;;;;',
    );

    expect(parsed.rows).toEqual([
      { line: 2, data: { fullName: 'Amina Hassan', skills: [], consent: NO_CONSENT } },
    ]);
  });

  it('says no to every consent when the file has no consent columns', () => {
    expect(csv('full_name', 'Amina Hassan').rows[0].data.consent).toEqual(NO_CONSENT);
  });

  it('trims cells', () => {
    expect(csv('full_name;email', '  Amina Hassan ;  amina@example.org\u00a0').rows[0].data).toMatchObject({
      fullName: 'Amina Hassan',
      email: 'amina@example.org',
    });
  });

  it('skips blank lines and rows of empty cells, and numbers rows by physical line', () => {
    const parsed = csv(
      'full_name;email',
      '',
      'Amina;a@example.org',
      ';',
      '',
      '   ',
      'Yusuf;y@example.org',
      ';;',
      '',
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.data.fullName])).toEqual([
      [3, 'Amina'],
      [7, 'Yusuf'],
    ]);
  });

  it('numbers a row with a multi-line cell by the line it starts on', () => {
    const parsed = csv(
      'full_name;staff_notes;email',
      'Amina;"first line',
      'second line',
      'third line";a@example.org',
      'Yusuf;;y@example.org',
      'Hiwet;"one',
      '',
      'two";h@example.org',
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.data.fullName, r.data.staffNotes])).toEqual([
      [2, 'Amina', 'first line\nsecond line\nthird line'],
      [5, 'Yusuf', undefined],
      [6, 'Hiwet', 'one\n\ntwo'],
    ]);
  });

  it('numbers rows right when a multi-line cell has CRLF inside (Windows)', () => {
    const parsed = parseCandidateFile(
      'csv',
      'full_name;staff_notes\r\nAmina;"first\r\nsecond"\r\nYusuf;x\r\n\r\nHiwet;"a ""quoted"" word\r\nand more"\r\nOlena;y\r\n',
    );

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.data.fullName])).toEqual([
      [2, 'Amina'],
      [4, 'Yusuf'],
      [6, 'Hiwet'],
      [8, 'Olena'],
    ]);
    expect(parsed.rows[2].data.staffNotes).toBe('a "quoted" word\r\nand more');
  });

  it('reads mixed line ends', () => {
    const parsed = parseCandidateFile(
      'csv',
      'full_name;email\r\nAmina;a@example.org\nYusuf;y@example.org\rHiwet;h',
    );

    expect(parsed.rows.map((r) => [r.line, r.data.fullName])).toEqual([
      [2, 'Amina'],
      [3, 'Yusuf'],
      [4, 'Hiwet'],
    ]);
  });

  it('reports a row with the wrong number of cells on its line and keeps the others', () => {
    const parsed = csv(
      'full_name;email',
      'Amina;a@example.org',
      'Hassan; Yusuf;y@example.org',
      'Hiwet;"h@example.org',
      'still Hiwet";x',
      'Olena;o@example.org',
    );

    expect(parsed.rows.map((r) => [r.line, r.data.fullName])).toEqual([
      [2, 'Amina'],
      [6, 'Olena'],
    ]);
    expect(parsed.errors).toEqual([
      {
        line: 3,
        field: '(line)',
        message: expect.stringContaining('this row has 3 cells where the header has 2'),
      },
      { line: 4, field: '(line)', message: expect.stringContaining('a ; in it needs double quotes') },
    ]);
  });

  it('reports an unclosed quote on the line of its row, keeping the rows before it', () => {
    const parsed = csv(
      'full_name;email',
      'Amina;a@example.org',
      'Yusuf;"y@example.org',
      'Hiwet;h@example.org',
      'Olena;o@example.org',
    );

    expect(parsed.rows.map((r) => [r.line, r.data.fullName])).toEqual([[2, 'Amina']]);
    expect(parsed.errors).toEqual([
      {
        line: 3,
        field: '(line)',
        message: expect.stringContaining('never closed; this row and the rows after'),
      },
    ]);
  });

  it('reports a quote in the middle of a cell and stops there', () => {
    const parsed = csv('full_name;email', 'Amina;a@example.org', 'Yusuf "Jo" Ali;y@example.org', 'Hiwet;h');

    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.errors).toEqual([
      {
        line: 3,
        field: '(line)',
        message: expect.stringContaining('a double quote in the middle of a cell'),
      },
    ]);
  });

  it('refuses the file when the header cannot be read', () => {
    const parsed = csv('full_name;"email', 'Amina;a@example.org');

    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toEqual([{ line: 1, field: '(line)', message: expect.any(String) }]);
  });

  it('reads a header alone as a file without rows', () => {
    expect(csv('full_name;email')).toEqual({ rows: [], errors: [] });
  });

  it.each([[''], ['\uFEFF'], ['\n\n  \n']])('reports an empty file (%p)', (content) => {
    expect(parseCandidateFile('csv', content)).toEqual({
      rows: [],
      errors: [{ line: 0, field: '(file)', message: 'the file is empty' }],
    });
  });

  it('accepts empty unnamed columns, as Excel leaves them, but not a value in one', () => {
    const parsed = csv('full_name;email;;', 'Amina;a@example.org;;', 'Yusuf;y@example.org;;lost?');

    expect(parsed.rows.map((r) => r.line)).toEqual([2]);
    expect(parsed.errors).toEqual([
      { line: 3, field: '(column D)', message: expect.stringContaining('no name') },
    ]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows, and takes exactly that many`, () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `Person ${i};p${i}@example.org`);

    const full = csv('full_name;email', ...rows);
    expect(full.errors).toEqual([]);
    expect(full.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(full.rows.at(-1)?.line).toBe(MAX_IMPORT_ROWS + 1);

    expect(csv('full_name;email', ...rows, 'One more;o@example.org')).toEqual({
      rows: [],
      errors: [{ line: 0, field: '(file)', message: `more than ${MAX_IMPORT_ROWS} rows; split the file` }],
    });
  });

  it('does not count rows of empty cells towards the limit', () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, i) => `Person ${i};p${i}@example.org`);

    expect(csv('full_name;email', ...rows, ';', ';', ';').rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  describe('languages', () => {
    it.each<[string, unknown]>([
      [
        'nb:B1/A2; ar:native; en:B2',
        [
          { code: 'nb', spoken: 'B1', written: 'A2' },
          { code: 'ar', native: true },
          { code: 'en', spoken: 'B2' },
        ],
      ],
      ['NB: b1 / a2', [{ code: 'nb', spoken: 'b1', written: 'a2' }]],
      [
        'ti:Native, uk:morsmål',
        [
          { code: 'ti', native: true },
          { code: 'uk', native: true },
        ],
      ],
      ['nb:/A2', [{ code: 'nb', written: 'A2' }]],
      ['so', [{ code: 'so' }]],
      ['nb:B7', [{ code: 'nb', spoken: 'B7' }]],
      ['Norsk:B1', [{ code: 'norsk', spoken: 'B1' }]],
    ])('%p', (value, expected) => {
      expect(cell('languages', `"${value}"`).languages).toEqual(expected);
    });

    it('reports more than two levels', () => {
      expect(csv('full_name;languages', 'Amina;nb:B1/A2/C1').errors).toEqual([
        { line: 2, field: 'languages.0', message: expect.stringContaining('more than two levels') },
      ]);
    });
  });

  describe('skills', () => {
    it.each<[string, unknown]>([
      ['MIG welding|4|3', [{ text: 'MIG welding', level: 4, years: 3 }]],
      [`${SKILL}|2`, [{ skillId: SKILL, level: 2 }]],
      [
        'sveising; forklift|3; food hygiene||1,5',
        [{ text: 'sveising' }, { text: 'forklift', level: 3 }, { text: 'food hygiene', years: 1.5 }],
      ],
      ['cleaning|high|many', [{ text: 'cleaning', level: 'high', years: 'many' }]],
      ['cleaning | 2 | 0.5 ;', [{ text: 'cleaning', level: 2, years: 0.5 }]],
      ['|3', [{ level: 3 }]],
      ['welding, MIG and TIG|4', [{ text: 'welding, MIG and TIG', level: 4 }]],
    ])('%p', (value, expected) => {
      expect(cell('skills', `"${value}"`).skills).toEqual(expected);
    });

    it('reports an item with more than three parts and leaves the row out', () => {
      const parsed = csv('full_name;skills', 'Amina;"sveising|4|3; cleaning|2|1|extra"');

      expect(parsed.rows).toEqual([]);
      expect(parsed.errors).toEqual([
        { line: 2, field: 'skills.1', message: expect.stringContaining('more than 3 |-separated parts') },
      ]);
    });

    it('forgives trailing empty parts', () => {
      expect(cell('skills', 'cleaning|2|1||').skills).toEqual([{ text: 'cleaning', level: 2, years: 1 }]);
    });
  });

  describe('experience', () => {
    it.each<[string, unknown]>([
      [
        'Sveiser|Aker Solutions|SY|2015-03|2019-11',
        [{ title: 'Sveiser', employer: 'Aker Solutions', country: 'SY', from: '2015-03', to: '2019-11' }],
      ],
      [`${WELDER}||no|2020-01|`, [{ occupationId: WELDER, country: 'NO', from: '2020-01' }]],
      ['Renholder', [{ title: 'Renholder' }]],
      [
        'Kokk|Hotell, Damaskus|SY; Lagerarbeider|Posten|NO|2023-05',
        [
          { title: 'Kokk', employer: 'Hotell, Damaskus', country: 'SY' },
          { title: 'Lagerarbeider', employer: 'Posten', country: 'NO', from: '2023-05' },
        ],
      ],
      [
        'Sveiser|Aker|Syria|March 2015',
        [{ title: 'Sveiser', employer: 'Aker', country: 'SYRIA', from: 'March 2015' }],
      ],
    ])('%p', (value, expected) => {
      expect(cell('experience', `"${value}"`).experience).toEqual(expected);
    });

    it('reports an item with more than five parts', () => {
      expect(csv('full_name;experience', 'Amina;a|b|SY|2015-03|2019-11|x').errors).toEqual([
        {
          line: 2,
          field: 'experience.0',
          message: expect.stringContaining('title|employer|country|from|to'),
        },
      ]);
    });
  });

  describe('education', () => {
    it.each<[string, unknown]>([
      [
        '6|Mechanical engineering|UA|applied',
        [{ iscedLevel: 6, field: 'Mechanical engineering', country: 'UA', recognition: 'applied' }],
      ],
      ['3||so|None', [{ iscedLevel: 3, country: 'SO', recognition: 'none' }]],
      [
        'bachelor|Nursing|ER|recognised',
        [{ iscedLevel: 'bachelor', field: 'Nursing', country: 'ER', recognition: 'recognised' }],
      ],
      ['|Nursing', [{ field: 'Nursing' }]],
      [
        '7|Law|SY|none; 4|Electrician|SY|applied',
        [
          { iscedLevel: 7, field: 'Law', country: 'SY', recognition: 'none' },
          { iscedLevel: 4, field: 'Electrician', country: 'SY', recognition: 'applied' },
        ],
      ],
    ])('%p', (value, expected) => {
      expect(cell('education', `"${value}"`).education).toEqual(expected);
    });

    it('reports an item with more than four parts', () => {
      expect(csv('full_name;education', 'Amina;6|a|UA|none|x').errors).toEqual([
        {
          line: 2,
          field: 'education.0',
          message: expect.stringContaining('level|field|country|recognition'),
        },
      ]);
    });
  });

  describe('booleans', () => {
    it.each([
      ['yes', true],
      ['Ja', true],
      ['TRUE', true],
      ['SANN', true],
      ['1', true],
      ['no', false],
      ['NEI', false],
      ['false', false],
      ['USANN', false],
      ['0', false],
      ['maybe', 'maybe'],
      ['x', 'x'],
    ])('%p -> %p', (value, expected) => {
      const data = cell(
        'drives;shifts_ok;intro_programme;consent_sms',
        `${value};${value};${value};${value}`,
      );
      expect(data.drives).toBe(expected);
      expect(data.availability).toEqual({ shiftsOk: expected });
      expect(data.introductionProgramme).toEqual({ enrolled: expected });
      expect(data.consent).toEqual({ ...NO_CONSENT, notifySms: expected });
    });
  });

  describe('numbers', () => {
    it.each<[string, unknown]>([
      ['25', 25],
      ['2,5', 2.5],
      ['2.5', 2.5],
      ['-3', -3],
      [',5', 0.5],
      ['ca. 20', 'ca. 20'],
      ['20 km', '20 km'],
      ['1 000', '1 000'],
      ['1,000.5', '1,000.5'],
      ['0x10', '0x10'],
      ['1e3', '1e3'],
    ])('%p -> %p', (value, expected) => {
      expect(cell('commute_km', `"${value}"`).commuteKm).toEqual(expected);
    });

    it.each<[string, unknown]>([
      ['100', 100],
      ['80 %', 80],
      ['80%', 80],
      ['full time', 'full time'],
    ])('hours_percent %p -> %p', (value, expected) => {
      expect(cell('hours_percent', value).availability).toEqual({ hoursPercent: expected });
    });
  });

  it('turns Norwegian dates into ISO dates and leaves others as written', () => {
    expect(
      cell('available_from;permit_valid_until;intro_programme_ends', '1.12.2026;04.03.2027;2027-06-30'),
    ).toMatchObject({
      availability: { from: '2026-12-01' },
      workPermit: { validUntil: '2027-03-04' },
      introductionProgramme: { endsOn: '2027-06-30' },
    });
    expect(cell('available_from', 'snart').availability).toEqual({ from: 'snart' });
  });

  it('puts back the leading zeros a number cell drops from postcodes and municipality numbers', () => {
    expect(cell('postcode;municipality;wished_places', '668;301;"301, 3205"')).toMatchObject({
      home: { postcode: '0668', municipality: '0301' },
      wishes: { places: ['0301', '3205'] },
    });
    expect(cell('postcode', '06681').home).toEqual({ postcode: '06681' });
  });

  it('splits lists, upper-cases licence classes, lower-cases enum values', () => {
    expect(
      cell(
        'driving_licences;certificates;wished_opening_types;status;permit_status;preferred_language',
        'b, c1;"Truckførerbevis T1, T2; HMS-kort";Work-Trial, Permanent;Active;Granted;AR',
      ),
    ).toMatchObject({
      drivingLicences: ['B', 'C1'],
      certificates: ['Truckførerbevis T1, T2', 'HMS-kort'],
      wishes: { openingTypes: ['work-trial', 'permanent'] },
      status: 'active',
      workPermit: { status: 'granted' },
      preferredLanguage: 'ar',
    });
  });

  it('leaves a list of only separators out', () => {
    const data = cell('certificates;driving_licences', '"; ;";" , "');
    expect(data).not.toHaveProperty('certificates');
    expect(data).not.toHaveProperty('drivingLicences');
  });
});

describe('parseCandidateFile: JSON lines', () => {
  it('reads one object per line, numbered by physical line', () => {
    const parsed = jsonl(
      '{"fullName":"Amina Hassan","preferredLanguage":"ar","skills":[{"text":"sveising"}]}',
      '',
      '   ',
      '{"fullName":"Yusuf Ali","home":{"postcode":"0580"}}',
    );

    expect(parsed).toEqual({
      rows: [
        {
          line: 1,
          data: { fullName: 'Amina Hassan', preferredLanguage: 'ar', skills: [{ text: 'sveising' }] },
        },
        { line: 4, data: { fullName: 'Yusuf Ali', home: { postcode: '0580' } } },
      ],
      errors: [],
    });
  });

  it('passes values on as they are, for validation to judge', () => {
    const row = { fullName: 'Amina', commuteKm: '2,5', languages: [{ code: 'nb', spoken: 'B7' }] };

    expect(jsonl(JSON.stringify(row)).rows[0].data).toEqual(row);
  });

  it('reports a line that is not JSON without quoting it, and keeps the others', () => {
    const parsed = jsonl(
      '{"fullName":"Amina"}',
      '{"fullName":"Yusuf Ali", "phone": 9123}4567}',
      '{"fullName":"Hiwet"}',
    );

    expect(parsed.rows.map((r) => r.line)).toEqual([1, 3]);
    expect(parsed.errors).toEqual([
      { line: 2, field: '(line)', message: expect.stringMatching(/^not valid JSON/) },
    ]);
    expect(parsed.errors[0].message).not.toContain('Yusuf');
  });

  it.each([['[{"fullName":"Amina"}]'], ['null'], ['42'], ['"Amina"'], ['true']])(
    'reports %p as not an object',
    (line) => {
      expect(jsonl('{"fullName":"Amina"}', line)).toEqual({
        rows: [{ line: 1, data: { fullName: 'Amina' } }],
        errors: [{ line: 2, field: '(line)', message: expect.stringContaining('not a JSON object') }],
      });
    },
  );

  it('drops a BOM and reads CRLF line ends', () => {
    const parsed = parseCandidateFile('jsonl', '\uFEFF{"fullName":"Amina"}\r\n\r\n{"fullName":"Yusuf"}\r\n');

    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.line)).toEqual([1, 3]);
  });

  it.each([[''], ['\n \n']])('reports an empty file (%p)', (content) => {
    expect(parseCandidateFile('jsonl', content).errors).toEqual([
      { line: 0, field: '(file)', message: 'the file is empty' },
    ]);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} lines`, () => {
    const lines = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `{"fullName":"Person ${i}"}`);

    expect(jsonl(...lines)).toEqual({
      rows: [],
      errors: [{ line: 0, field: '(file)', message: `more than ${MAX_IMPORT_ROWS} rows; split the file` }],
    });
    expect(jsonl(...lines.slice(1)).rows).toHaveLength(MAX_IMPORT_ROWS);
  });
});

describe('importKeyOf', () => {
  it.each<[Parameters<typeof importKeyOf>[0], string | null]>([
    [{ externalRef: ' MIF-0042 ', email: 'a@example.org', phone: '91234567' }, 'ref:MIF-0042'],
    [
      { externalRef: '   ', email: ' Amina.Hassan@Example.ORG ', phone: '91234567' },
      'email:amina.hassan@example.org',
    ],
    [{ email: '', phone: '912 34 567' }, 'phone:+4791234567'],
    [{ phone: '+47 912 34 567' }, 'phone:+4791234567'],
    [{ phone: '0047 912 34 567' }, 'phone:+4791234567'],
    [{ phone: '(+47) 912-34-567' }, 'phone:+4791234567'],
    [{ phone: '+46 70 123 45 67' }, 'phone:+46701234567'],
    [{ phone: '0046 70 123 45 67' }, 'phone:+46701234567'],
    [{ phone: '+380 67 123 4567' }, 'phone:+380671234567'],
    [{ phone: '4791234567' }, 'phone:4791234567'],
    [{ phone: 'n/a' }, null],
    [{}, null],
    [{ externalRef: '', email: ' ', phone: '' }, null],
  ])('%j -> %p', (dto, key) => {
    expect(importKeyOf(dto)).toBe(key);
  });

  it('does not throw on fields that failed validation', () => {
    const dto = JSON.parse('{"externalRef":42,"email":["a@example.org"],"phone":"91234567"}') as Parameters<
      typeof importKeyOf
    >[0];

    expect(importKeyOf(dto)).toBe('phone:+4791234567');
  });
});

describe('the sample files in test/fixtures/candidates', () => {
  /** Field paths of each failed constraint, as the import reports them. */
  function failedFields(errors: ValidationError[], prefix = ''): string[] {
    return errors.flatMap((e) => [
      ...(e.constraints ? [`${prefix}${e.property}`] : []),
      ...failedFields(e.children ?? [], `${prefix}${e.property}.`),
    ]);
  }

  async function invalidFields(format: 'csv' | 'jsonl', file: string) {
    const parsed = parseCandidateFile(
      format,
      readFileSync(join(ROOT, 'test/fixtures/candidates', file), 'utf8'),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.length).toBeGreaterThanOrEqual(5);
    expect(parsed.rows.length).toBeLessThanOrEqual(8);
    const invalid: Record<number, string[]> = {};
    for (const row of parsed.rows) {
      const dto = plainToInstance(CreateCandidateDto, row.data);
      const fields = failedFields(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
      if (fields.length) invalid[row.line] = fields;
      expect(importKeyOf(dto)).not.toBeNull();
    }
    return invalid;
  }

  it('sample.csv: every row is valid but the one with language level B7', async () => {
    expect(await invalidFields('csv', 'sample.csv')).toEqual({ 5: ['languages.0.spoken'] });
  });

  it('sample.jsonl: every row is valid but the one with postcode 06681', async () => {
    expect(await invalidFields('jsonl', 'sample.jsonl')).toEqual({ 4: ['home.postcode'] });
  });

  it('docs/candidate-import.md documents every column', () => {
    const doc = readFileSync(join(ROOT, 'docs/candidate-import.md'), 'utf8');
    for (const column of IMPORT_COLUMNS) expect(doc).toContain(`\`${column}\``);
  });
});
