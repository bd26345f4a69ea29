import { CONSENT_FLAGS, MAX_IMPORT_ROWS, type ImportFormat, type ImportRowError } from '@brobygger/contracts';
import { parse, type CsvError } from 'csv-parse/sync';

/** One data row of an import file: a plain object shaped like CreateCandidateDto, not validated yet. */
export interface ImportRow {
  /** The 1-based physical line the row starts on: what a text editor shows, and what staff look for. */
  line: number;
  data: Record<string, unknown>;
}

export interface ParsedCandidateFile {
  rows: ImportRow[];
  /** Rows that could not be read at all, or the one reason the whole file was refused. */
  errors: ImportRowError[];
}

/**
 * Turns an import file into one plain object per data row, each with the line it starts on. It never throws
 * on content: what it cannot read it reports. It converts but does not judge: a value that does not fit
 * (level "B7", postcode "06681") is passed on as written, so the DTO validation names the field.
 */
export function parseCandidateFile(format: ImportFormat, content: string): ParsedCandidateFile {
  // Excel's "CSV UTF-8" starts with a BOM; left in, it would become part of the first column's name.
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  switch (format) {
    case 'csv':
      return parseCsv(text);
    case 'jsonl':
      return parseJsonLines(text);
  }
}

/**
 * The key that recognises a person when a file is sent again: the organisation's own id if it has one, else
 * the e-mail, else the phone. Phones are compared as +<country><number>, so "912 34 567", "+47 91234567" and
 * "0047 912 34 567" are one person.
 */
export function importKeyOf(dto: { externalRef?: string; email?: string; phone?: string }): string | null {
  const ref = textOf(dto.externalRef);
  if (ref) return `ref:${ref}`;
  const email = textOf(dto.email);
  if (email) return `email:${email.toLowerCase()}`;
  const phone = phoneKeyOf(dto.phone);
  return phone ? `phone:${phone}` : null;
}

// Called on DTOs whose validation may have failed, so a field typed string can hold anything.
function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function phoneKeyOf(value: unknown): string | undefined {
  const raw = textOf(value);
  const digits = raw?.replace(/\D/g, '');
  if (!raw || !digits) return undefined;
  if (/^[\s(]*\+/.test(raw)) return `+${digits}`;
  // 00 is how Norway dials abroad, and no Norwegian number starts with 0, so 00 always means "+".
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  // Norwegian numbers are eight digits and people rarely write the country code for them.
  if (digits.length === 8) return `+47${digits}`;
  return digits;
}

// --- shared ------------------------------------------------------------------------------------------------

const FILE = '(file)';
const LINE = '(line)';

function refused(error: ImportRowError): ParsedCandidateFile {
  return { rows: [], errors: [error] };
}

const tooManyRows = (): ImportRowError => ({
  line: 0,
  field: FILE,
  message: `more than ${MAX_IMPORT_ROWS} rows; split the file`,
});

const emptyFile = (): ImportRowError => ({ line: 0, field: FILE, message: 'the file is empty' });

const byLine = (a: ImportRowError, b: ImportRowError) => a.line - b.line;

// --- JSON lines --------------------------------------------------------------------------------------------

function parseJsonLines(text: string): ParsedCandidateFile {
  const lines = text
    .split(/\r\n|\n|\r/)
    .map((source, i) => ({ line: i + 1, source }))
    .filter((l) => l.source.trim() !== '');
  if (lines.length === 0) return refused(emptyFile());
  if (lines.length > MAX_IMPORT_ROWS) return refused(tooManyRows());

  const rows: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  for (const { line, source } of lines) {
    const parsed = jsonOf(source);
    if (typeof parsed === 'string') errors.push({ line, field: LINE, message: parsed });
    else if (!isObject(parsed.value)) {
      errors.push({
        line,
        field: LINE,
        message: 'not a JSON object: each line must be one candidate, {...}',
      });
    } else rows.push({ line, data: parsed.value });
  }
  return { rows, errors };
}

/** The value, or why the line is not JSON. */
function jsonOf(source: string): { value: unknown } | string {
  try {
    return { value: JSON.parse(source) as unknown };
  } catch (err) {
    // Only the position: the parser's own message can quote the line, and the line is personal data.
    const position = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    return `not valid JSON${position ? ` (column ${Number(position[1]) + 1})` : ''}`;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// --- CSV ---------------------------------------------------------------------------------------------------

const DELIMITERS = [',', ';', '\t'] as const;
const DELIMITER_NAMES: Record<string, string> = { ',': 'a comma', ';': 'a ;', '\t': 'a tab' };

interface CsvRecord {
  line: number;
  cells: string[];
}

function parseCsv(text: string): ParsedCandidateFile {
  const delimiter = delimiterOf(/^.*\S.*$/m.exec(text)?.[0] ?? '');
  const lines = recordLines(text, delimiter);
  if (lines.length === 0) return refused(emptyFile());
  const { records, errors } = readRecords(text, lines, delimiter);
  const [header, ...body] = records;
  // The header itself could not be read; its error says why.
  if (!header) return { rows: [], errors };

  // Excel keeps rows that were only ever formatted as rows of empty cells; they are not data.
  const data = body.filter((r) => r.cells.some((c) => c !== ''));
  if (data.length + errors.length > MAX_IMPORT_ROWS) return refused(tooManyRows());

  const columns = columnsOf(header);
  if (!Array.isArray(columns)) return { rows: [], errors: [...columns.errors, ...errors] };

  const rows: ImportRow[] = [];
  for (const { line, cells } of data) {
    const row = candidateOf(cells, columns);
    if ('problems' in row) errors.push(...row.problems.map((p) => ({ line, ...p })));
    else rows.push({ line, data: row.data });
  }
  return { rows, errors: errors.sort(byLine) };
}

/**
 * The line each record starts on. csv-parse counts the line a record ends on, and counts a CRLF inside a
 * quoted cell as two, so the start lines are found here: records split where csv-parse splits them (line
 * breaks outside quotes; a line of only whitespace is no record), for as long as the quoting is
 * well-formed, which is as long as csv-parse reads on.
 */
function recordLines(text: string, delimiter: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let quoted = false;
  let inRecord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      if (!quoted) inRecord = false;
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      continue;
    }
    if (!inRecord) {
      // A tab delimiter is whitespace too, but a line of tabs is a row of empty cells to csv-parse.
      if (ch !== delimiter && /\s/.test(ch)) continue;
      inRecord = true;
      starts.push(line);
    }
    if (ch === '"') quoted = !quoted;
  }
  return starts;
}

/** Excel writes `;` where the decimal mark is a comma (Norway); other tools write `,` or tabs. */
function delimiterOf(header: string): string {
  let best: string = DELIMITERS[0];
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of header) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

function readRecords(
  text: string,
  lines: number[],
  delimiter: string,
): { records: CsvRecord[]; errors: ImportRowError[] } {
  const records: CsvRecord[] = [];
  const errors: ImportRowError[] = [];
  // Which record csv-parse is on, counting the ones it skips, so its start line can be looked up.
  let index = 0;
  let stopped = false;
  const lineOf = (fallback: unknown) => lines[index] ?? (typeof fallback === 'number' ? fallback : 0);
  // After a quoting error the record boundaries are guesses: rows read past it could be parts of other rows.
  const stop = (line: number, message: string) => {
    stopped = true;
    errors.push({ line, field: LINE, message: `${message}; this row and the rows after it were not read` });
  };

  try {
    parse(text, {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: false,
      // Files pasted together from several sources mix line endings; auto-detection would take the first only.
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_records_with_error: true,
      on_record: (cells, context) => {
        if (!stopped) records.push({ line: lineOf(context.lines), cells });
        index++;
        return null;
      },
      on_skip: (err) => {
        if (!stopped) {
          const line = lineOf(err?.lines);
          if (err?.code !== 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') stop(line, quotingMessage(err));
          // A row of only delimiters holds no data whatever its length: an empty row, not a broken one.
          else if (!isEmptyRecord(err.record)) {
            errors.push({
              line,
              field: LINE,
              message: cellCountMessage(err, records[0]?.cells.length, delimiter),
            });
          }
        }
        index++;
        return undefined;
      },
    });
  } catch (err) {
    if (!stopped) stop(lineOf(undefined), quotingMessage(err instanceof Error ? err : undefined));
  }
  return { records, errors };
}

function isEmptyRecord(record: unknown): boolean {
  return Array.isArray(record) && record.every((cell) => cell === '');
}

function cellCountMessage(err: CsvError, expected: number | undefined, delimiter: string): string {
  const got = Array.isArray(err.record) ? ` ${err.record.length} cells` : ' a different number of cells';
  const name = DELIMITER_NAMES[delimiter] ?? delimiter;
  return (
    `this row has${got} where the header has ${expected ?? 'another number'}; ` +
    `a cell with ${name} in it needs double quotes around it`
  );
}

function quotingMessage(err: (Error & { code?: unknown }) | undefined): string {
  switch (err?.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a double quote that starts a cell here is never closed';
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a double quote in the middle of a cell; put the whole cell in double quotes and write a quote inside it as ""';
    case 'CSV_MAX_RECORD_SIZE':
      return 'the row is too long to be one row; is a double quote missing its closing quote?';
    default:
      return 'the row cannot be read as CSV';
  }
}

// --- columns -----------------------------------------------------------------------------------------------

/** Turns one non-empty cell into its DTO value; `fail` reports a cell it cannot split into the DTO's parts. */
type Convert = (value: string, fail: (suffix: string, message: string) => void) => unknown;

interface Column {
  /** The DTO field: `key` or `part.key`. */
  path: string;
  convert: Convert;
}

const asIs: Convert = (v) => v;
const to = (path: string, convert: Convert = asIs): Column => ({ path, convert });

const COLUMNS = {
  external_ref: to('externalRef'),
  full_name: to('fullName'),
  email: to('email'),
  phone: to('phone'),
  preferred_language: to('preferredLanguage', lowerCase),
  postcode: to('home.postcode', fourDigits),
  municipality: to('home.municipality', fourDigits),
  lat: to('home.lat', numberOf),
  lng: to('home.lng', numberOf),
  commute_km: to('commuteKm', numberOf),
  drives: to('drives', booleanOf),
  languages: to('languages', languagesOf),
  skills: to('skills', skillsOf),
  experience: to('experience', experienceOf),
  education: to('education', educationOf),
  certificates: to('certificates', listOf),
  driving_licences: to('drivingLicences', (v) => codesOf(v).map(upperCase)),
  permit_status: to('workPermit.status', lowerCase),
  permit_type: to('workPermit.type'),
  permit_valid_until: to('workPermit.validUntil', dateOf),
  available_from: to('availability.from', dateOf),
  hours_percent: to('availability.hoursPercent', percentOf),
  shifts_ok: to('availability.shiftsOk', booleanOf),
  wished_occupations: to('wishes.occupationIds', codesOf),
  wished_opening_types: to('wishes.openingTypes', (v) => codesOf(v).map(lowerCase)),
  wished_places: to('wishes.places', (v) => codesOf(v).map(fourDigits)),
  intro_programme: to('introductionProgramme.enrolled', booleanOf),
  intro_programme_ends: to('introductionProgramme.endsOn', dateOf),
  consent_searchable: to('consent.searchable', booleanOf),
  consent_share_with_employers: to('consent.shareWithEmployers', booleanOf),
  consent_email: to('consent.notifyEmail', booleanOf),
  consent_sms: to('consent.notifySms', booleanOf),
  consent_in_app: to('consent.notifyInApp', booleanOf),
  notification_digest: to('notificationDigest', booleanOf),
  status: to('status', lowerCase),
  assigned_staff: to('assignedStaff'),
  staff_notes: to('staffNotes'),
} satisfies Record<string, Column>;

/** The documented column names, in the documented order. */
export const IMPORT_COLUMNS = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

// `full_name`, `Full name`, `FULL-NAME` and `fullName` are one column.
const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');
const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((name) => [normalise(name), name]));

/** Each header cell's column; null for a header cell left empty (Excel's trailing `;;;`). */
function columnsOf(header: CsvRecord): (Column | null)[] | { errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const seen = new Map<string, string>();
  const columns = header.cells.map((name): Column | null => {
    if (name === '') return null;
    const known = COLUMN_BY_KEY.get(normalise(name));
    if (!known) {
      errors.push({
        line: header.line,
        field: name,
        message:
          `unknown column "${name}"; nothing was imported, so that no data is silently left out: ` +
          'rename it to a column of docs/candidate-import.md, or remove it',
      });
      return null;
    }
    const first = seen.get(known);
    if (first === undefined) seen.set(known, name);
    else {
      errors.push({
        line: header.line,
        field: name,
        message: `column "${name}" is the same column as "${first}"; nothing was imported: keep one of them`,
      });
    }
    return COLUMNS[known];
  });
  if (!seen.has('full_name')) {
    errors.push({
      line: header.line,
      field: 'full_name',
      message:
        'the header has no full_name column; the first line must name the columns, full_name among them',
    });
  }
  return errors.length ? { errors } : columns;
}

function candidateOf(
  cells: string[],
  columns: (Column | null)[],
): { data: Record<string, unknown> } | { problems: { field: string; message: string }[] } {
  const data: Record<string, unknown> = {};
  const parts = new Map<string, Record<string, unknown>>();
  const problems: { field: string; message: string }[] = [];

  cells.forEach((cell, i) => {
    if (cell === '') return;
    const column = columns[i];
    if (!column) {
      problems.push({
        field: `(column ${columnLetter(i)})`,
        message: 'a value in a column with no name in the header; name the column or empty it',
      });
      return;
    }
    const value = column.convert(cell, (suffix, message) =>
      problems.push({ field: column.path + suffix, message }),
    );
    // `;` alone is no list: as absent as an empty cell.
    if (Array.isArray(value) && value.length === 0) return;
    const [head, key] = column.path.split('.');
    if (key === undefined) {
      data[head] = value;
      return;
    }
    const part = parts.get(head) ?? {};
    part[key] = value;
    parts.set(head, part);
  });
  if (problems.length) return { problems };

  // Consent is never assumed: a flag without a column or a value is a no.
  const consent = parts.get('consent') ?? {};
  for (const flag of CONSENT_FLAGS) consent[flag] ??= false;
  parts.set('consent', consent);
  // The DTO needs the list; a spreadsheet row without skills is a person whose skills are not noted yet.
  data.skills ??= [];
  for (const [head, part] of parts) data[head] = part;
  return { data };
}

/** A, B, …, Z, AA: how a spreadsheet names the column. */
function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// --- values ------------------------------------------------------------------------------------------------

function lowerCase(value: string): string {
  return value.toLowerCase();
}

function upperCase(value: string): string {
  return value.toUpperCase();
}

const NUMBER = /^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$/;

/** A clean number, with a decimal point or a (Norwegian) decimal comma; anything else as written. */
function numberOf(value: string): number | string {
  return NUMBER.test(value) ? Number(value.replace(',', '.')) : value;
}

/** Excel writes a cell formatted as percent as "100 %". */
function percentOf(value: string): number | string {
  const n = numberOf(value.replace(/\s*%$/, ''));
  return typeof n === 'number' ? n : value;
}

const BOOLEANS = new Map<string, boolean>([
  ...['yes', 'ja', 'true', 'sann', '1'].map((w): [string, boolean] => [w, true]),
  // SANN and USANN are TRUE and FALSE as a Norwegian Excel writes them.
  ...['no', 'nei', 'false', 'usann', '0'].map((w): [string, boolean] => [w, false]),
]);

function booleanOf(value: string): boolean | string {
  return BOOLEANS.get(value.toLowerCase()) ?? value;
}

/** Norwegian Excel writes dates as 24.12.2026. */
function dateOf(value: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  return m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : value;
}

/** Postcodes and municipality numbers are four digits; a number cell drops the leading zeros (0668 → 668). */
function fourDigits(value: string): string {
  return /^\d{1,3}$/.test(value) ? value.padStart(4, '0') : value;
}

function listOf(value: string): string[] {
  return splitOn(value, ';');
}

/** Lists of codes take `,` too: no code has a comma in it, and "B, C1" is what people write. */
function codesOf(value: string): string[] {
  return splitOn(value, /[;,]/);
}

function splitOn(value: string, separator: string | RegExp): string[] {
  return value
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** `a|b|c` as parts; undefined for a part left empty or out. */
function fieldsOf(item: string, count: number, fail: (message: string) => void): (string | undefined)[] {
  const fields = item.split('|').map((s) => s.trim() || undefined);
  if (fields.slice(count).some((f) => f !== undefined)) fail(`more than ${count} |-separated parts`);
  return fields.slice(0, count);
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

const NATIVE = new Set(['native', 'morsmål', 'mother tongue']);

/** `nb:B1/A2; ar:native; en:B2`: code, then spoken/written level, or native. */
function languagesOf(
  value: string,
  fail: (suffix: string, message: string) => void,
): Record<string, unknown>[] {
  return codesOf(value).map((item, i) => {
    const colon = item.indexOf(':');
    const language: Record<string, unknown> = {
      code: (colon < 0 ? item : item.slice(0, colon)).trim().toLowerCase(),
    };
    const levels = colon < 0 ? '' : item.slice(colon + 1).trim();
    if (NATIVE.has(levels.toLowerCase())) language.native = true;
    else if (levels !== '') {
      const [spoken, written, ...more] = levels.split('/').map((s) => s.trim() || undefined);
      if (more.some((m) => m !== undefined)) {
        fail(`.${i}`, 'more than two levels; write code:spoken/written, e.g. nb:B1/A2');
      }
      put(language, 'spoken', spoken);
      put(language, 'written', written);
    }
    return language;
  });
}

/** `MIG welding|4|3; skill/<uuid>|2`: text or skill id, then level 1–5 and years. */
function skillsOf(value: string, fail: (suffix: string, message: string) => void): Record<string, unknown>[] {
  return listOf(value).map((item, i) => {
    const [name, level, years] = fieldsOf(item, 3, (m) => fail(`.${i}`, `${m}; write skill|level|years`));
    const skill: Record<string, unknown> = {};
    put(skill, name?.startsWith('skill/') ? 'skillId' : 'text', name);
    put(skill, 'level', level === undefined ? undefined : numberOf(level));
    put(skill, 'years', years === undefined ? undefined : numberOf(years));
    return skill;
  });
}

/** `Sveiser|Aker Solutions|SY|2015-03|2019-11`: title or occupation id, employer, country, from, to. */
function experienceOf(
  value: string,
  fail: (suffix: string, message: string) => void,
): Record<string, unknown>[] {
  return listOf(value).map((item, i) => {
    const [what, employer, country, from, until] = fieldsOf(item, 5, (m) =>
      fail(`.${i}`, `${m}; write title|employer|country|from|to`),
    );
    const job: Record<string, unknown> = {};
    put(job, what?.startsWith('occupation/') ? 'occupationId' : 'title', what);
    put(job, 'employer', employer);
    put(job, 'country', country?.toUpperCase());
    put(job, 'from', from);
    put(job, 'to', until);
    return job;
  });
}

/** `6|Mechanical engineering|UA|applied`: ISCED level, field, country, recognition in Norway. */
function educationOf(
  value: string,
  fail: (suffix: string, message: string) => void,
): Record<string, unknown>[] {
  return listOf(value).map((item, i) => {
    const [level, field, country, recognition] = fieldsOf(item, 4, (m) =>
      fail(`.${i}`, `${m}; write level|field|country|recognition`),
    );
    const education: Record<string, unknown> = {};
    put(education, 'iscedLevel', level === undefined ? undefined : numberOf(level));
    put(education, 'field', field);
    put(education, 'country', country?.toUpperCase());
    put(education, 'recognition', recognition?.toLowerCase());
    return education;
  });
}
