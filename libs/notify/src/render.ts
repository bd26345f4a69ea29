import type { MatchExplanation } from '@brobygger/contracts';
import {
  bidiIsolate,
  formatDay,
  openingTypeName,
  textDirection,
  translate,
  translateCount,
  type Lang,
  type MessageKey,
} from './catalogue';
import { checkedLink, escapeHtml } from './html';
import { topReasons, type SkillLabel } from './reasons';
import { smsSegments, type SmsEncoding } from './sms-segments';

export { escapeHtml } from './html';

/*
 * Data minimisation: the input types hold what a candidate may see about an opening and nothing about
 * people. There is no field for the candidate's name (greetings are nameless), staff notes or other
 * candidates, and of the explanation only the reasons are shown, never its raw details or gaps.
 */

/** What the candidate may see of an opening. */
export interface OpeningSummary {
  title: string;
  /** Only when the opening is public; the caller decides. */
  employerName?: string;
  place?: string;
  /** YYYY-MM-DD. */
  startDate?: string;
  /** An OpeningType from the contracts, or 'job'; a type the catalogue does not know is left out. */
  type: string;
}

export interface ReplyLinks {
  interested: string;
  notForMe: string;
}

export interface NotificationInput {
  lang: Lang;
  opening: OpeningSummary;
  explanation: MatchExplanation;
  links: ReplyLinks;
  /** Skill names in `lang` (localized taxonomy labels); by default the labels stored in the explanation. */
  skillLabel?: SkillLabel;
}

/** In-app notifications answer inside the app; links given anyway are ignored. */
export type InAppInput = Omit<NotificationInput, 'links'> & { links?: ReplyLinks };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  lang: Lang;
  dir: 'ltr' | 'rtl';
}

export interface RenderedSms {
  text: string;
  segments: number;
  encoding: SmsEncoding;
}

export interface RenderedInApp {
  title: string;
  body: string;
  reasons: string[];
  /** For the app to set on the element it shows this in. */
  lang: Lang;
  dir: 'ltr' | 'rtl';
}

// --- e-mail ------------------------------------------------------------------------------------------------

export function renderEmail(input: NotificationInput): RenderedEmail {
  const { lang } = input;
  const item = emailItem(input, EMAIL_REASONS);
  const t = (key: MessageKey) => translate(lang, key);
  const subject = translate(lang, 'email.subject', { title: item.title });
  const text = [t('email.greeting'), t('email.intro'), ...itemText(lang, item), t('email.footer')].join(
    '\n\n',
  );
  const html = htmlEmail(
    lang,
    subject,
    `<p style="${P}">${escapeHtml(t('email.greeting'))}</p>
<p style="${P}">${escapeHtml(t('email.intro'))}</p>
${itemHtml(lang, item, 1)}
${footerHtml(lang)}`,
  );
  return { subject, text, html, lang, dir: textDirection(lang) };
}

/**
 * Several openings in one e-mail, e.g. the day's job tips: each with its details, its two strongest reasons
 * and its own two reply links. Every item must be in `lang`, the language the e-mail is written in.
 */
export function renderDigestEmail(lang: Lang, items: readonly NotificationInput[]): RenderedEmail {
  checkDigest(lang, items);
  const parts = items.map((input) => emailItem(input, DIGEST_REASONS));
  const subject = translateCount(lang, 'digest.subject', items.length);
  const intro = translateCount(lang, 'digest.intro', items.length);
  const greeting = translate(lang, 'email.greeting');
  const text = [
    greeting,
    intro,
    parts.map((item) => itemText(lang, item).join('\n\n')).join(`\n\n${TEXT_RULE}\n\n`),
    translate(lang, 'email.footer'),
  ].join('\n\n');
  const html = htmlEmail(
    lang,
    subject,
    `<p style="${P}">${escapeHtml(greeting)}</p>
<p style="${P}">${escapeHtml(intro)}</p>
${parts.map((item) => itemHtml(lang, item, 2)).join(`\n${HTML_RULE}\n`)}
${footerHtml(lang)}`,
  );
  return { subject, text, html, lang, dir: textDirection(lang) };
}

const EMAIL_REASONS = 3;
/** Two per opening keep a digest of several short enough to read on a phone. */
const DIGEST_REASONS = 2;
const TEXT_RULE = '----------';
const HTML_RULE = '<hr style="margin:24px 0;border:0;border-top:1px solid #cccccc">';

function checkDigest(lang: Lang, items: readonly NotificationInput[]): void {
  if (!items.length) throw new RangeError('a digest needs at least one item');
  if (items.some((i) => i.lang !== lang)) throw new RangeError(`every item of a digest must be in ${lang}`);
}

/** What an e-mail shows of one opening, titles and labels isolated for right-to-left readers. */
interface EmailItem {
  title: string;
  details: string[];
  reasons: string[];
  interested: string;
  notForMe: string;
}

function emailItem(
  { lang, opening, explanation, links, skillLabel }: NotificationInput,
  maxReasons: number,
): EmailItem {
  return {
    interested: checkedLink(links.interested),
    notForMe: checkedLink(links.notForMe),
    title: bidiIsolate(lang, opening.title),
    details: detailLines(lang, opening),
    reasons: topReasons(explanation, lang, maxReasons, { skillLabel }),
  };
}

/** The opening, why it may suit, and the two answers: three paragraphs of plain text. */
function itemText(lang: Lang, item: EmailItem): string[] {
  const t = (key: MessageKey) => translate(lang, key);
  return [
    [item.title, ...item.details].join('\n'),
    ...(item.reasons.length ? [[t('email.why'), ...item.reasons.map((r) => `- ${r}`)].join('\n')] : []),
    [
      t('email.question'),
      `${t('email.interested')}: ${item.interested}`,
      `${t('email.notForMe')}: ${item.notForMe}`,
    ].join('\n'),
  ];
}

// Every sentence is escaped whole, catalogue text and values alike: no value reaches the HTML unescaped.

const P = 'margin:0 0 16px';
const HEADING_SIZE = { 1: 22, 2: 18, 3: 16 } as const;

function button(color: string): string {
  return (
    `display:inline-block;margin:0 0 8px;padding:12px 20px;border-radius:6px;background:${color};` +
    'color:#ffffff;font-weight:bold;text-decoration:none'
  );
}

/** The opening as `level` heading (h1 alone in an e-mail, h2 in a digest), its reasons one level below. */
function itemHtml(lang: Lang, item: EmailItem, level: 1 | 2): string {
  const e = escapeHtml;
  const t = (key: MessageKey) => translate(lang, key);
  const h = `h${level}`;
  const h2 = `h${level + 1}`;
  return `<${h} style="margin:0 0 8px;font-size:${HEADING_SIZE[level]}px">${e(item.title)}</${h}>
${item.details.map((d) => `<p style="margin:0">${e(d)}</p>`).join('\n')}
${
  item.reasons.length
    ? `<${h2} style="margin:24px 0 8px;font-size:${HEADING_SIZE[level === 1 ? 2 : 3]}px">${e(t('email.why'))}</${h2}>
<ul style="margin:0 0 16px;padding-inline-start:24px">
${item.reasons.map((r) => `<li>${e(r)}</li>`).join('\n')}
</ul>`
    : ''
}
<p style="margin:24px 0 12px">${e(t('email.question'))}</p>
<p style="${P}">
<a href="${e(item.interested)}" style="${button('#1d6b3a')}">${e(t('email.interested'))}</a>
<a href="${e(item.notForMe)}" style="${button('#555555')}">${e(t('email.notForMe'))}</a>
</p>`;
}

function footerHtml(lang: Lang): string {
  return `<p style="margin:24px 0 0;font-size:14px;color:#555555">${escapeHtml(translate(lang, 'email.footer'))}</p>`;
}

/** A complete small document around `body`, which must already be escaped. */
function htmlEmail(lang: Lang, subject: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${lang}" dir="${textDirection(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
${body}
</body>
</html>
`;
}

// --- in-app ------------------------------------------------------------------------------------------------

export function renderInApp(input: InAppInput): RenderedInApp {
  const { lang, opening, explanation, skillLabel } = input;
  const title = translate(lang, 'inApp.title', { title: bidiIsolate(lang, opening.title) });
  const body = [translate(lang, 'inApp.body'), ...detailLines(lang, opening)].join('\n');
  return {
    title,
    body,
    reasons: topReasons(explanation, lang, undefined, { skillLabel }),
    lang,
    dir: textDirection(lang),
  };
}

/** Employer, place, start and type, one line each, those known. */
function detailLines(lang: Lang, o: OpeningSummary): string[] {
  const type = openingTypeName(lang, o.type);
  const lines: [MessageKey, string | undefined][] = [
    ['email.employer', o.employerName && bidiIsolate(lang, o.employerName)],
    ['email.place', o.place && bidiIsolate(lang, o.place)],
    ['email.start', o.startDate && formatDay(lang, o.startDate)],
    ['email.type', type],
  ];
  return lines.flatMap(([key, value]) => (value ? [translate(lang, key, { value })] : []));
}

// --- SMS ---------------------------------------------------------------------------------------------------

export const SMS_MAX_SEGMENTS = 2;
/** More than two reasons never fit beside two links. */
const SMS_MAX_REASONS = 2;

/** Not even the shortest form of the message fits: send it another way. */
export class SmsTooLongError extends Error {
  override name = 'SmsTooLongError';
}

/**
 * An SMS of at most two segments. The full message rarely fits in UCS-2 (Arabic, Ukrainian: 134 units), so
 * it is cut down step by step until it does: fewer reasons, then no place, then a shorter title, then no
 * title. Both links are kept while that is possible at all.
 */
export function renderSms(input: NotificationInput): RenderedSms {
  return firstThatFits(smsDrafts(input));
}

/**
 * Several openings in one SMS of at most two segments: a count, then each title with its "interested" link,
 * as many as fit, and a line saying how many more the app and e-mail have. With realistic links that is two
 * openings in Norwegian or English (GSM-7) and one, without its title, in Arabic or Ukrainian (UCS-2). The
 * link opens a page that names the opening and asks to confirm, with "not for me" beside it.
 */
export function renderDigestSms(lang: Lang, items: readonly NotificationInput[]): RenderedSms {
  checkDigest(lang, items);
  return firstThatFits(digestSmsDrafts(lang, items));
}

function firstThatFits(drafts: Iterable<string>): RenderedSms {
  for (const text of drafts) {
    const size = smsSegments(text);
    if (size.segments <= SMS_MAX_SEGMENTS) return { text, segments: size.segments, encoding: size.encoding };
  }
  throw new SmsTooLongError(`No form of the SMS fits ${SMS_MAX_SEGMENTS} segments; are the links too long?`);
}

/** Every form of the message, best first. */
function* smsDrafts(input: NotificationInput): Generator<string> {
  const { lang, opening, explanation, links, skillLabel } = input;
  const interested = translate(lang, 'sms.interested', { url: checkedLink(links.interested) });
  const notForMe = translate(lang, 'sms.notForMe', { url: checkedLink(links.notForMe) });
  const reasons = topReasons(explanation, lang, SMS_MAX_REASONS, { isolate: false, skillLabel });
  const title = gsmFriendly(opening.title);

  // Two links of ~60 characters with their labels take about 140 UCS-2 units, more than the 134 of two
  // segments: an Arabic or Ukrainian SMS carries only the "interested" link. The page it opens shows the
  // opening and should offer "not for me" too, so the candidate can still say no.
  for (const replies of [[interested, notForMe], [interested]]) {
    const draft = (intro: string, rs: readonly string[]) => [intro, ...rs, ...replies].join('\n');
    const withPlace = opening.place
      ? translate(lang, 'sms.introPlace', { title, place: gsmFriendly(opening.place) })
      : undefined;
    const plain = translate(lang, 'sms.intro', { title });
    for (const rs of reasonChoices(reasons)) yield draft(withPlace ?? plain, rs);
    if (withPlace) yield draft(plain, []);
    const chars = Array.from(title);
    for (let len = chars.length - 1; len >= MIN_TITLE; len--) {
      // "Sveiser med...." would end in four dots: the sentence's own full stop goes.
      yield draft(translate(lang, 'sms.intro', { title: shorten(chars, len) }).replace(/\.{4}$/, '...'), []);
    }
    yield draft(translate(lang, 'sms.introNoTitle'), []);
  }
}

/**
 * Every form of the digest SMS, best first: all openings with whole titles, then with shorter titles, then
 * one opening fewer, and so on. The first opening alone may lose its title and at last the "Interested:"
 * label; its link always stays.
 */
function* digestSmsDrafts(lang: Lang, items: readonly NotificationInput[]): Generator<string> {
  const intro = translateCount(lang, 'sms.digestIntro', items.length);
  const urls = items.map((i) => checkedLink(i.links.interested));
  const replies = urls.map((url) => translate(lang, 'sms.interested', { url }));
  const titles = items.map((i) => Array.from(gsmFriendly(i.opening.title)));
  const draft = (shown: number, lines: readonly string[]) =>
    [
      intro,
      ...lines,
      ...(shown < items.length ? [translateCount(lang, 'sms.digestMore', items.length - shown)] : []),
    ].join('\n');

  for (let shown = items.length; shown >= 1; shown--) {
    const chars = titles.slice(0, shown);
    const lines = (title: (c: readonly string[]) => string) =>
      chars.flatMap((c, i) => [title(c), replies[i]]);
    yield draft(
      shown,
      lines((c) => c.join('')),
    );
    const longest = Math.max(...chars.map((c) => c.length));
    for (let len = longest - 1; len >= MIN_TITLE; len--) {
      yield draft(
        shown,
        lines((c) => (c.length > len ? shorten(c, len) : c.join(''))),
      );
    }
  }
  yield draft(1, [replies[0]]);
  yield draft(1, [urls[0]]);
}

/**
 * Which reasons to try, best first: all of them, then each alone in rank order (a long first reason must not
 * crowd out a short second one that fits), then none.
 */
function reasonChoices(reasons: readonly string[]): string[][] {
  return [...(reasons.length > 1 ? [[...reasons]] : []), ...reasons.map((r) => [r]), []];
}

/**
 * Typographic punctuation as its plain GSM twin. Employers paste titles from Word; one curly apostrophe or
 * en dash would make a Norwegian SMS UCS-2 and cost it more than half its room.
 */
const GSM_FRIENDLY: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00A0': ' ',
};

function gsmFriendly(s: string): string {
  return s.replace(/[\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u00A0]/g, (c) => GSM_FRIENDLY[c]).trim();
}

/** Shorter than this, a title says nothing; the message goes without it. */
const MIN_TITLE = 8;

/** The first `len` code points (never half a surrogate pair), trailing space dropped, and "...". */
function shorten(chars: readonly string[], len: number): string {
  // Three dots rather than "…", which is not in the GSM alphabet and would turn a Norwegian SMS into UCS-2.
  return `${chars.slice(0, len).join('').trimEnd()}...`;
}
