import rulesData from './rules.json';

/**
 * Screens job-opening text for wording that discriminates on a protected ground (likestillings- og
 * diskrimineringsloven §§ 6, 29-30; arbeidsmiljøloven § 13-1). The rules themselves are data in rules.json;
 * this file only validates, compiles and applies them, so adding or tuning a rule never touches code.
 *
 * A flag is a prompt to a person, not a verdict: some flagged wording is lawful in context (a church may
 * require faith for a pastor, a security-cleared role may require citizenship). That is why the service
 * asks staff or the employer to acknowledge a flag instead of refusing the text.
 */

export const CATEGORIES = [
  'age',
  'gender',
  'nationality',
  'ethnicity',
  'religion',
  'family',
  'native-language',
  'disability',
  'sexual-orientation',
] as const;
export type ScreeningCategory = (typeof CATEGORIES)[number];

export const RULE_LANGS = ['nb', 'en'] as const;
export type RuleLang = (typeof RULE_LANGS)[number];

/** The same text in Norwegian bokmål and English; employers write in either. */
export interface LocalizedText {
  readonly nb: string;
  readonly en: string;
}

/** One entry of rules.json. */
export interface ScreeningRule {
  /** Stable and unique; acknowledgements are stored against it, so never reuse an id for a different rule. */
  readonly id: string;
  readonly category: ScreeningCategory;
  /** The language the patterns are written in. Every rule runs on every field: ads mix languages. */
  readonly lang: RuleLang;
  /** For people editing rules.json: why the rule is drawn where it is. Not shown to employers. */
  readonly note?: string;
  /** Regex sources, matched case-insensitively with the `u` flag and wrapped in word boundaries (see compilePattern). */
  readonly patterns: readonly string[];
  readonly reason: LocalizedText;
  readonly suggestion?: LocalizedText;
  /** Regex sources; a hit is dropped when one of them matches anywhere in the hit's sentence. */
  readonly exceptions?: readonly string[];
}

export interface ScreeningFlag {
  readonly ruleId: string;
  readonly category: ScreeningCategory;
  /** The key of the field in the object given to screenFields, e.g. 'requirements'. */
  readonly field: string;
  /** The matched text as the employer wrote it: `fields[field].slice(start, end)`. */
  readonly phrase: string;
  /** UTF-16 offsets into that field's text, the same units as String.prototype.slice. */
  readonly start: number;
  readonly end: number;
  readonly reason: LocalizedText;
  readonly suggestion?: LocalizedText;
}

/** rules.json (or rules given to compileRules) is malformed; the message names the rule. */
export class ScreeningRuleError extends Error {
  override name = 'ScreeningRuleError';
}

/** A validated, compiled rule list, ready for screenFields. */
export interface CompiledRuleSet {
  readonly rules: readonly ScreeningRule[];
  readonly compiled: readonly CompiledRule[];
}

export interface CompiledRule {
  readonly rule: ScreeningRule;
  /** One per pattern, in the same order, so a test can tell which pattern an example exercises. */
  readonly patterns: readonly RegExp[];
  readonly exceptions: readonly RegExp[];
}

// JavaScript's \b only knows [A-Za-z0-9_], even with the u flag: it sees a word boundary after the "å" of
// "Blåjenter", so /\bjenter\b/ would flag the name of a choir. Letters, digits and combining marks of any
// script (\p{L}, \p{N}, \p{M}) are word characters here instead. The hyphen counts too: "ikke-vestlig bakgrunn" must not match "vestlig bakgrunn",
// "female-led" is not "female", and a pattern that wants a compound spells the hyphen out ("EU-borger").
const WORD_CHAR = String.raw`[\p{L}\p{N}\p{M}_-]`;
const BEFORE = `(?<!${WORD_CHAR})`;
const AFTER = `(?!${WORD_CHAR})`;

/**
 * Compiles a rule pattern: case-insensitive, Unicode-aware, global, and anchored at word boundaries on both
 * sides, so patterns in rules.json describe whole words and phrases without repeating the lookarounds.
 * A pattern that wants inflected forms says so (`utlending\p{L}*`).
 */
export function compilePattern(source: string): RegExp {
  return new RegExp(`${BEFORE}(?:${source})${AFTER}`, 'giu');
}

// Exceptions are tested once against a sentence with .test(); a global regex would carry lastIndex from one
// call to the next and silently skip matches, so they are compiled without 'g'.
function compileException(source: string): RegExp {
  return new RegExp(`${BEFORE}(?:${source})${AFTER}`, 'iu');
}

const RULE_KEYS = new Set([
  'id',
  'category',
  'lang',
  'note',
  'patterns',
  'reason',
  'suggestion',
  'exceptions',
]);
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Validates and compiles a rule list (by default rules.json does this at load). Throws ScreeningRuleError
 * naming the rule for: unknown keys (a typo like "exception" would otherwise switch a rule's exceptions off
 * without a sound), duplicate ids, unknown categories or languages, missing reason or suggestion texts, and
 * patterns that do not compile with 'giu' or match the empty string.
 */
export function compileRules(raw: unknown): CompiledRuleSet {
  if (!Array.isArray(raw)) throw new ScreeningRuleError('screening rules must be an array');
  const seen = new Set<string>();
  const rules: ScreeningRule[] = [];
  const compiled: CompiledRule[] = [];
  raw.forEach((entry: unknown, index) => {
    const rule = validateRule(entry, index);
    if (seen.has(rule.id)) throw new ScreeningRuleError(`screening rule "${rule.id}": id appears twice`);
    seen.add(rule.id);
    rules.push(rule);
    compiled.push({
      rule,
      patterns: rule.patterns.map((p, i) => compileChecked(rule.id, `patterns[${i}]`, p, compilePattern)),
      exceptions: (rule.exceptions ?? []).map((p, i) =>
        compileChecked(rule.id, `exceptions[${i}]`, p, compileException),
      ),
    });
  });
  return { rules: Object.freeze(rules), compiled: Object.freeze(compiled) };
}

function compileChecked(id: string, where: string, source: string, compile: (s: string) => RegExp): RegExp {
  let re: RegExp;
  try {
    // The source must compile on its own, with 'giu', whatever it is used with: wrapped in the boundaries,
    // an unbalanced "[a" would swallow part of the wrapper and compile into something else.
    new RegExp(source, 'giu');
    re = compile(source);
  } catch (err) {
    throw new ScreeningRuleError(
      `screening rule "${id}": ${where} does not compile: ${(err as Error).message}`,
    );
  }
  // An empty match would flag nothing visible (and loops forever in naive matchers).
  if (new RegExp(re.source, 'u').test('')) {
    throw new ScreeningRuleError(`screening rule "${id}": ${where} matches the empty string`);
  }
  return re;
}

function validateRule(entry: unknown, index: number): ScreeningRule {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new ScreeningRuleError(`screening rule #${index}: must be an object`);
  }
  const r = entry as Record<string, unknown>;
  const id = typeof r.id === 'string' && ID_RE.test(r.id) ? r.id : undefined;
  const name = id ? `"${id}"` : `#${index}`;
  const fail = (msg: string): never => {
    throw new ScreeningRuleError(`screening rule ${name}: ${msg}`);
  };
  if (!id) fail('id must be lower-case words joined by hyphens, e.g. "age-range-nb"');
  for (const key of Object.keys(r)) if (!RULE_KEYS.has(key)) fail(`unknown key "${key}"`);
  if (!CATEGORIES.includes(r.category as ScreeningCategory)) {
    fail(`category must be one of ${CATEGORIES.join(', ')}`);
  }
  if (!RULE_LANGS.includes(r.lang as RuleLang)) fail(`lang must be one of ${RULE_LANGS.join(', ')}`);
  if (r.note !== undefined && typeof r.note !== 'string') fail('note must be a string');
  const patterns = stringList(r.patterns, 'patterns', fail);
  if (patterns.length === 0) fail('patterns must not be empty');
  const exceptions = r.exceptions === undefined ? undefined : stringList(r.exceptions, 'exceptions', fail);
  const reason = localized(r.reason, 'reason', fail);
  const suggestion = r.suggestion === undefined ? undefined : localized(r.suggestion, 'suggestion', fail);
  return Object.freeze({
    id: id as string,
    category: r.category as ScreeningCategory,
    lang: r.lang as RuleLang,
    ...(typeof r.note === 'string' && { note: r.note }),
    patterns: Object.freeze(patterns),
    reason,
    ...(suggestion && { suggestion }),
    ...(exceptions && { exceptions: Object.freeze(exceptions) }),
  });
}

function stringList(value: unknown, key: string, fail: (msg: string) => never): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    return fail(`${key} must be an array of non-empty regex sources`);
  }
  return [...(value as string[])];
}

function localized(value: unknown, key: string, fail: (msg: string) => never): LocalizedText {
  const v = value as Record<string, unknown> | null;
  for (const lang of RULE_LANGS) {
    if (typeof v !== 'object' || v === null || typeof v[lang] !== 'string' || v[lang].trim() === '') {
      fail(`${key}.${lang} must be a non-empty string`);
    }
  }
  return Object.freeze({ nb: (v as Record<string, string>).nb, en: (v as Record<string, string>).en });
}

/** The shipped rule set, validated at load: a broken rules.json fails at startup, not on the first save. */
export const DEFAULT_RULE_SET: CompiledRuleSet = compileRules(rulesData);
/** The shipped rules (rules.json), parsed and frozen. */
export const RULES: readonly ScreeningRule[] = DEFAULT_RULE_SET.rules;

// Sentence ends: a line break, a bullet, a semicolon, or . ! ? followed by space. "www.ungdomshuset.no" and
// "2.5" have no space after the dot, so they stay in one sentence.
const SENTENCE_BREAK = /[\n\r•;]|[.!?](?=\s)/gu;

/** The sentence around text[start, end): where exceptions look for context. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(SENTENCE_BREAK)) {
    if (m.index < start) from = m.index + 1;
    else if (m.index >= end) {
      to = m.index;
      break;
    }
  }
  return text.slice(from, to);
}

/**
 * Screens the fields of one opening, e.g. `{ title, description, requirements }`. Undefined fields are
 * skipped. Returns at most one flag per rule per stretch of text (overlapping hits of one rule's patterns
 * merge into the earliest, longest one; different rules may flag overlapping text), in the order the fields
 * were given, then by start offset.
 *
 * Text should be NFC (as browsers send it): a decomposed "å" (a + U+030A) does not match a pattern's "å".
 * Normalise on save, before screening, so the stored text and the offsets agree.
 */
export function screenFields(
  fields: Readonly<Record<string, string | undefined>>,
  ruleSet: CompiledRuleSet = DEFAULT_RULE_SET,
): ScreeningFlag[] {
  const flags: ScreeningFlag[] = [];
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const inField: ScreeningFlag[] = [];
    for (const { rule, patterns, exceptions } of ruleSet.compiled) {
      const hits: { start: number; end: number }[] = [];
      for (const re of patterns) {
        for (const m of text.matchAll(re)) {
          const start = m.index;
          const end = start + m[0].length;
          if (exceptions.length > 0) {
            const sentence = sentenceAround(text, start, end);
            if (exceptions.some((ex) => ex.test(sentence))) continue;
          }
          hits.push({ start, end });
        }
      }
      hits.sort((a, b) => a.start - b.start || b.end - a.end);
      let lastEnd = -1;
      for (const { start, end } of hits) {
        if (start < lastEnd) continue; // overlaps a hit of the same rule already kept
        lastEnd = end;
        inField.push({
          ruleId: rule.id,
          category: rule.category,
          field,
          phrase: text.slice(start, end),
          start,
          end,
          reason: rule.reason,
          ...(rule.suggestion && { suggestion: rule.suggestion }),
        });
      }
    }
    inField.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    flags.push(...inField);
  }
  return flags;
}

/** Screens a single text; its flags carry `field` (default 'text'). */
export function screenText(text: string, field = 'text', ruleSet: CompiledRuleSet = DEFAULT_RULE_SET) {
  return screenFields({ [field]: text }, ruleSet);
}

/**
 * Identifies a flag across edits of the text, so an acknowledgement survives when the employer changes
 * another sentence: offsets move, but rule, field and phrase do not. The phrase is lower-cased and its
 * whitespace collapsed, so re-wrapping a line or fixing capitals does not ask for a new acknowledgement;
 * changing the words does.
 */
export function flagKey(flag: Pick<ScreeningFlag, 'ruleId' | 'field' | 'phrase'>): string {
  return `${flag.ruleId}:${flag.field}:${flag.phrase.toLowerCase().replace(/\s+/gu, ' ').trim()}`;
}

/** The flags whose key is not among the acknowledged ones: what still blocks publishing. */
export function unacknowledgedFlags(
  flags: readonly ScreeningFlag[],
  acknowledgedKeys: Iterable<string>,
): ScreeningFlag[] {
  const acknowledged = new Set(acknowledgedKeys);
  return flags.filter((f) => !acknowledged.has(flagKey(f)));
}
