import type { MatchExplanation, ScorePart } from '@brobygger/contracts';
import { LANGUAGES, type Lang } from './catalogue';
import {
  SmsTooLongError,
  escapeHtml,
  renderDigestEmail,
  renderDigestSms,
  renderEmail,
  renderInApp,
  renderSms,
  type NotificationInput,
  type OpeningSummary,
} from './render';
import { signReplyToken } from './reply-token';
import { smsSegments } from './sms-segments';

const SECRET = 'test-secret-that-is-at-least-32-bytes-long';
const NOTIFICATION = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

/** Links as the app will make them: 23 characters of address and a 53-character token, 76 in all. */
function realisticLinks() {
  const link = (answer: 'interested' | 'not-interested') =>
    `https://brobygger.no/r/${signReplyToken({ notificationId: NOTIFICATION, answer, expiresAt: new Date('2026-12-04T12:00:00Z') }, SECRET)}`;
  return { interested: link('interested'), notForMe: link('not-interested') };
}

const part = (factor: string, points: number, detail: string, maxPoints = points): ScorePart => ({
  factor,
  points,
  maxPoints,
  detail,
});

/** Three of four must-haves, Norwegian met, 12 km; gaps and staff-facing steps that must never show. */
function newExplanation(overrides: Partial<MatchExplanation> = {}): MatchExplanation {
  return {
    weightsVersion: 'w3',
    parts: [
      { ...part('must-have skills', 33.8, '3 of 4 matched', 45), outcome: 'some' },
      { ...part('nice-to-have skills', 0, 'none asked', 0), outcome: 'not-asked' },
      { ...part('language', 15, 'Norwegian B1 for B1'), outcome: 'met-norwegian' },
      { ...part('distance', 10, '12 km (full within 30 km, none beyond 90 km)'), outcome: 'within' },
      { ...part('availability', 5, 'available by the start date'), outcome: 'in-time' },
    ],
    gates: [],
    mustHave: { met: 3, partial: 0, total: 4 },
    niceToHave: { met: 0, partial: 0, total: 0 },
    meetsNoMustHave: false,
    matchedSkills: [
      { skillId: 'skill/mig', label: 'MIG welding', mustHave: true },
      { skillId: 'skill/forklift', label: 'forklift driving', mustHave: true },
      { skillId: 'skill/tig', label: 'TIG welding', mustHave: true },
    ],
    missingMustHaves: [{ skillId: 'skill/arc', label: 'arc welding' }],
    nearMisses: [],
    distanceKm: 12,
    toCloseTheGap: ['Learn arc welding'],
    ...overrides,
  };
}

function newOpening(overrides: Partial<OpeningSummary> = {}): OpeningSummary {
  return {
    title: 'Sveiser',
    employerName: 'Mekaniske AS',
    place: 'Drammen',
    startDate: '2027-01-04',
    type: 'internship',
    ...overrides,
  };
}

function newInput(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    lang: 'nb',
    opening: newOpening(),
    explanation: newExplanation(),
    links: realisticLinks(),
    ...overrides,
  };
}

describe('renderEmail', () => {
  it('writes a complete small HTML document, left to right for Norwegian', () => {
    const mail = renderEmail(newInput());
    expect(mail).toMatchObject({ lang: 'nb', dir: 'ltr', subject: 'En jobb som kan passe for deg: Sveiser' });
    expect(mail.html).toMatch(/^<!DOCTYPE html>\n<html lang="nb" dir="ltr">\n<head>\n<meta charset="utf-8">/);
    expect(mail.html).toContain('<title>En jobb som kan passe for deg: Sveiser</title>');
    expect(mail.html.trimEnd()).toMatch(/<\/body>\n<\/html>$/);
  });

  it('sets Arabic right to left', () => {
    const mail = renderEmail(newInput({ lang: 'ar' }));
    expect(mail.dir).toBe('rtl');
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.subject).toBe('عمل قد يناسبك: \u2068Sveiser\u2069');
  });

  it('has both links as buttons in the HTML and written out in the text', () => {
    const { interested, notForMe } = realisticLinks();
    const mail = renderEmail(newInput());
    expect(mail.html).toContain(`<a href="${interested}" style="`);
    expect(mail.html).toContain(`<a href="${notForMe}" style="`);
    expect(mail.html).toMatch(/>Ja, jeg er interessert<\/a>/);
    expect(mail.html).toMatch(/>Nei, ikke for meg<\/a>/);
    expect(mail.text).toContain(`Ja, jeg er interessert: ${interested}\nNei, ikke for meg: ${notForMe}`);
  });

  it('escapes every value in the HTML, and only there', () => {
    const title = '<script>alert("x")</script> & Co';
    const mail = renderEmail(
      newInput({
        opening: newOpening({
          title,
          employerName: 'Ola\'s "Bar" <b>',
          place: '<img src=x onerror=alert(1)>',
        }),
        explanation: newExplanation({
          matchedSkills: [
            { skillId: null, label: '<i>MIG</i>', mustHave: true },
            ...newExplanation().matchedSkills.slice(1),
          ],
        }),
        links: { interested: 'https://brobygger.no/r?a=1&b="2"', notForMe: realisticLinks().notForMe },
      }),
    );
    expect(mail.html).not.toMatch(/<script|<b>|<img|<i>|"2"/);
    expect(mail.html).toContain(escapeHtml(title));
    expect(mail.html).toContain('Ola&#39;s &quot;Bar&quot; &lt;b&gt;');
    expect(mail.html).toContain('&lt;i&gt;MIG&lt;/i&gt;');
    expect(mail.html).toContain('href="https://brobygger.no/r?a=1&amp;b=&quot;2&quot;"');
    expect(mail.text).toContain(title);
    expect(mail.subject).toBe(`En jobb som kan passe for deg: ${title}`);
  });

  it.each([
    ['nb', 'Oppstart: 4. januar 2027'],
    ['en', 'Start: 4 January 2027'],
    ['uk', 'Початок: 4 січня 2027 р.'],
    ['ar', 'تاريخ البدء: 4 يناير 2027'],
  ] as [Lang, string][])('writes the start date for %s readers', (lang, line) => {
    expect(renderEmail(newInput({ lang })).text).toContain(line);
  });

  it('shows the details it has and the top three reasons', () => {
    const mail = renderEmail(newInput({ lang: 'en' }));
    expect(mail.text).toBe(
      [
        'Hello!',
        'We have found a job that may suit you.',
        'Sveiser\nEmployer: Mekaniske AS\nPlace: Drammen\nStart: 4 January 2027\nType: Internship',
        'Why this job may suit you:\n' +
          '- You have 3 of the 4 skills the job needs: MIG welding, forklift driving and TIG welding.\n' +
          '- Your Norwegian is good enough for this job.\n' +
          '- The workplace is 12 km from your home.',
        'Is this job interesting for you? Answer here:\n' +
          `Yes, I am interested: ${realisticLinks().interested}\n` +
          `No, not for me: ${realisticLinks().notForMe}`,
        'You get this e-mail because you said yes to job tips from Brobygger.',
      ].join('\n\n'),
    );
  });

  it('leaves out the employer of an opening that is not public, and unknown details', () => {
    const mail = renderEmail(newInput({ lang: 'en', opening: { title: 'Sveiser', type: 'something-new' } }));
    expect(mail.text).toContain('Sveiser\n\nWhy this job');
    expect(mail.html).not.toContain('Employer');
  });

  it('shows nothing but the opening and the reasons: no name, notes, gaps or raw details', () => {
    const input = {
      ...newInput({ lang: 'en' }),
      candidateName: 'Amina Hassan',
      staffNotes: 'Needs help with CV',
      otherCandidates: ['Ola Nordmann'],
    } as NotificationInput;
    const mail = renderEmail(input);
    const app = renderInApp(input);
    const sms = renderSms(input);
    for (const out of [mail.subject, mail.text, mail.html, app.title, app.body, ...app.reasons, sms.text]) {
      expect(out).not.toMatch(
        /Amina|Hassan|Needs help|Ola Nordmann|arc welding|Learn|full within|of 4 matched/,
      );
    }
  });

  it('refuses links that are not absolute http(s) URLs', () => {
    for (const bad of ['javascript:alert(1)', '/r/abc', 'data:text/html,hi']) {
      expect(() =>
        renderEmail(newInput({ links: { interested: bad, notForMe: realisticLinks().notForMe } })),
      ).toThrow(RangeError);
    }
  });
});

describe('renderInApp', () => {
  it('gives title, body and reasons, and no links', () => {
    const app = renderInApp({ ...newInput({ lang: 'en' }) });
    expect(app).toEqual({
      title: 'Job tip: Sveiser',
      body: 'We think this job may suit you.\nEmployer: Mekaniske AS\nPlace: Drammen\nStart: 4 January 2027\nType: Internship',
      reasons: [
        'You have 3 of the 4 skills the job needs: MIG welding, forklift driving and TIG welding.',
        'Your Norwegian is good enough for this job.',
        'The workplace is 12 km from your home.',
      ],
      lang: 'en',
      dir: 'ltr',
    });
    expect(JSON.stringify(app)).not.toContain('brobygger.no/r');
  });

  it("names skills in the reader's language when given skillLabel (the seam for localized taxonomy labels)", () => {
    const nb: Record<string, string> = { 'skill/mig': 'MIG-sveising', 'skill/tig': 'TIG-sveising' };
    const app = renderInApp({
      ...newInput({ lang: 'nb' }),
      skillLabel: (id, fallback) => (id && nb[id]) ?? fallback,
    });
    expect(app.reasons[0]).toBe(
      'Du har 3 av de 4 ferdighetene jobben krever: MIG-sveising, forklift driving og TIG-sveising.',
    );
  });

  it('needs no links', () => {
    const { lang, opening, explanation } = newInput({ lang: 'ar' });
    expect(renderInApp({ lang, opening, explanation })).toMatchObject({
      dir: 'rtl',
      title: 'عمل قد يناسبك: \u2068Sveiser\u2069',
    });
  });
});

describe('renderSms', () => {
  it.each(LANGUAGES)('fits two segments in %s with realistic links', (lang) => {
    const sms = renderSms(newInput({ lang }));
    expect(sms.segments).toBeLessThanOrEqual(2);
    expect(smsSegments(sms.text)).toEqual({
      encoding: sms.encoding,
      units: expect.any(Number),
      segments: sms.segments,
    });
    expect(sms.text).toContain(realisticLinks().interested);
  });

  it('keeps both links and a reason in Norwegian (GSM-7, 306 septets)', () => {
    const sms = renderSms(newInput());
    expect(sms).toEqual({
      text:
        'Brobygger: Jobbtips til deg: Sveiser, Drammen.\n' +
        // The top reason (skills) is too long to fit; the next one is not.
        'Norsken din er god nok for denne jobben.\n' +
        `Interessert: ${realisticLinks().interested}\n` +
        `Ikke for meg: ${realisticLinks().notForMe}`,
      segments: 2,
      encoding: 'gsm7',
    });
  });

  it('gives two reasons when there is room for them', () => {
    const sms = renderSms(
      newInput({ lang: 'en', links: { interested: 'https://b.no/i', notForMe: 'https://b.no/n' } }),
    );
    expect(sms.text).toBe(
      [
        'Brobygger: A job tip for you: Sveiser, Drammen.',
        'You have 3 of the 4 skills the job needs: MIG welding, forklift driving and TIG welding.',
        'Your Norwegian is good enough for this job.',
        'Interested: https://b.no/i',
        'Not for me: https://b.no/n',
      ].join('\n'),
    );
  });

  it('shortens a long title before it gives up the second link', () => {
    const title =
      'Sveiser med erfaring fra skipsverft, offshore og landbasert industri, gjerne med fagbrev og sertifikater';
    const sms = renderSms(newInput({ opening: newOpening({ title }) }));
    const intro = sms.text.split('\n')[0];
    expect(intro).toMatch(/^Brobygger: Jobbtips til deg: Sveiser med .*[^.]\.\.\.$/);
    expect(title.startsWith(intro.slice('Brobygger: Jobbtips til deg: '.length, -3))).toBe(true);
    expect(sms.text).toContain(realisticLinks().notForMe);
    expect(sms.segments).toBe(2);
  });

  it('keeps a Norwegian SMS in GSM-7 when the title has typographic punctuation', () => {
    const sms = renderSms(newInput({ opening: newOpening({ title: 'Kokk – “Kafé Ørken’s”…' }) }));
    expect(sms.encoding).toBe('gsm7');
    expect(sms.text).toContain('Kokk - "Kafé Ørken\'s"...');
  });

  // Two 76-character links and their labels are more than the 134 units of two UCS-2 segments.
  it.each([
    ['ar', 'يهمني: '],
    ['uk', 'Цікаво: '],
  ] as [Lang, string][])('keeps only the "interested" link in %s (UCS-2)', (lang, label) => {
    const sms = renderSms(newInput({ lang }));
    expect(sms.encoding).toBe('ucs2');
    expect(sms.text).toContain(`${label}${realisticLinks().interested}`);
    expect(sms.text).not.toContain(realisticLinks().notForMe);
    expect(smsSegments(sms.text).units).toBeLessThanOrEqual(134);
  });

  it('keeps both links in Ukrainian when they are short enough', () => {
    const sms = renderSms(
      newInput({ lang: 'uk', links: { interested: 'https://b.no/i', notForMe: 'https://b.no/n' } }),
    );
    expect(sms.segments).toBeLessThanOrEqual(2);
    expect(sms.text).toContain('Цікаво: https://b.no/i\nНе для мене: https://b.no/n');
  });

  it('has no bidi isolates, which older phones show as boxes', () => {
    expect(renderSms(newInput({ lang: 'ar' })).text).not.toMatch(/[\u2068\u2069]/);
  });

  it('gives up when not even the shortest form fits', () => {
    const long = `https://brobygger.no/r/${'x'.repeat(300)}`;
    expect(() => renderSms(newInput({ links: { interested: long, notForMe: long } }))).toThrow(
      SmsTooLongError,
    );
  });
});

// --- digests -------------------------------------------------------------------------------------------------

/** Realistic links of their own for the nth item of a digest. */
function itemLinks(n: number) {
  const id = `3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a${String(n).padStart(2, '0')}`;
  const link = (answer: 'interested' | 'not-interested') =>
    `https://brobygger.no/r/${signReplyToken({ notificationId: id, answer, expiresAt: new Date('2026-12-04T12:00:00Z') }, SECRET)}`;
  return { interested: link('interested'), notForMe: link('not-interested') };
}

const TITLES = ['Sveiser', 'Lagermedarbeider', 'Kokk'];

function digestItems(lang: Lang, titles: readonly string[] = TITLES): NotificationInput[] {
  return titles.map((title, i) =>
    newInput({
      lang,
      opening: newOpening({ title, place: i === 1 ? 'Oslo' : 'Drammen' }),
      links: itemLinks(i),
    }),
  );
}

describe('renderDigestEmail', () => {
  it("counts the openings in the subject and the intro, in the reader's plural", () => {
    expect(renderDigestEmail('en', digestItems('en'))).toMatchObject({
      subject: '3 job tips for you',
      lang: 'en',
      dir: 'ltr',
    });
    expect(renderDigestEmail('en', digestItems('en')).text).toContain(
      'We have found 3 jobs that may suit you.',
    );
    expect(renderDigestEmail('en', digestItems('en', ['Sveiser'])).subject).toBe('A job tip for you');
    expect(renderDigestEmail('nb', digestItems('nb')).subject).toBe('3 jobbtips til deg');
    expect(renderDigestEmail('uk', digestItems('uk')).subject).toBe('3 вакансії для вас');
  });

  it('lists each opening with its details, its top two reasons and its own two links', () => {
    const mail = renderDigestEmail('en', digestItems('en', ['Sveiser', 'Kokk']));
    expect(mail.text).toBe(
      [
        'Hello!',
        'We have found 2 jobs that may suit you.',
        'Sveiser\nEmployer: Mekaniske AS\nPlace: Drammen\nStart: 4 January 2027\nType: Internship',
        'Why this job may suit you:\n' +
          '- You have 3 of the 4 skills the job needs: MIG welding, forklift driving and TIG welding.\n' +
          '- Your Norwegian is good enough for this job.',
        'Is this job interesting for you? Answer here:\n' +
          `Yes, I am interested: ${itemLinks(0).interested}\n` +
          `No, not for me: ${itemLinks(0).notForMe}`,
        '----------',
        'Kokk\nEmployer: Mekaniske AS\nPlace: Oslo\nStart: 4 January 2027\nType: Internship',
        'Why this job may suit you:\n' +
          '- You have 3 of the 4 skills the job needs: MIG welding, forklift driving and TIG welding.\n' +
          '- Your Norwegian is good enough for this job.',
        'Is this job interesting for you? Answer here:\n' +
          `Yes, I am interested: ${itemLinks(1).interested}\n` +
          `No, not for me: ${itemLinks(1).notForMe}`,
        'You get this e-mail because you said yes to job tips from Brobygger.',
      ].join('\n\n'),
    );
    expect(mail.text).not.toContain('12 km');
  });

  it('writes a complete small HTML document with a heading and two buttons per opening', () => {
    const { html } = renderDigestEmail('nb', digestItems('nb'));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nb" dir="ltr">\n<head>\n<meta charset="utf-8">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>3 jobbtips til deg</title>');
    expect(html.trimEnd()).toMatch(/<\/body>\n<\/html>$/);
    expect(html.match(/<h2 [^>]*>[^<]*<\/h2>/g)).toEqual([
      '<h2 style="margin:0 0 8px;font-size:18px">Sveiser</h2>',
      '<h2 style="margin:0 0 8px;font-size:18px">Lagermedarbeider</h2>',
      '<h2 style="margin:0 0 8px;font-size:18px">Kokk</h2>',
    ]);
    expect(html.match(/<hr /g)).toHaveLength(2);
    expect(html.match(/<li>/g)).toHaveLength(6);
    for (const n of [0, 1, 2]) {
      expect(html).toContain(`<a href="${itemLinks(n).interested}" style="`);
      expect(html).toContain(`<a href="${itemLinks(n).notForMe}" style="`);
    }
    expect(html.match(/>Ja, jeg er interessert<\/a>/g)).toHaveLength(3);
    expect(html.match(/>Nei, ikke for meg<\/a>/g)).toHaveLength(3);
  });

  it('sets Arabic right to left, with titles isolated and the Arabic plural', () => {
    const mail = renderDigestEmail('ar', digestItems('ar'));
    expect(mail).toMatchObject({ lang: 'ar', dir: 'rtl', subject: '3 فرص عمل لك' });
    expect(mail.html).toContain('<html lang="ar" dir="rtl">');
    expect(mail.html).toContain('>\u2068Lagermedarbeider\u2069</h2>');
    expect(mail.text).toContain('وجدنا 3 فرص عمل قد تناسبك.');
    expect(renderDigestEmail('ar', digestItems('ar', ['Sveiser', 'Kokk'])).subject).toBe('فرصتا عمل لك');
  });

  it('escapes every value in the HTML', () => {
    const [first, ...rest] = digestItems('en');
    const title = '<script>alert("x")</script> & Co';
    const mail = renderDigestEmail('en', [
      ...rest,
      {
        ...first,
        opening: newOpening({
          title,
          employerName: 'Ola\'s "Bar" <b>',
          place: '<img src=x onerror=alert(1)>',
        }),
        links: { interested: 'https://brobygger.no/r?a=1&b="2"', notForMe: itemLinks(0).notForMe },
      },
    ]);
    expect(mail.html).not.toMatch(/<script|<b>|<img|"2"/);
    expect(mail.html).toContain(`>${escapeHtml(title)}</h2>`);
    expect(mail.html).toContain('Ola&#39;s &quot;Bar&quot; &lt;b&gt;');
    expect(mail.html).toContain('href="https://brobygger.no/r?a=1&amp;b=&quot;2&quot;"');
    expect(mail.text).toContain(title);
  });

  it('shows nothing but the openings and the reasons', () => {
    const items = digestItems('en').map(
      (i) => ({ ...i, candidateName: 'Amina Hassan', staffNotes: 'Needs help with CV' }) as NotificationInput,
    );
    const mail = renderDigestEmail('en', items);
    for (const out of [mail.subject, mail.text, mail.html]) {
      expect(out).not.toMatch(/Amina|Hassan|Needs help|arc welding|Learn|full within|of 4 matched/);
    }
  });

  it('refuses no items, items in another language and links that are not absolute http(s) URLs', () => {
    expect(() => renderDigestEmail('en', [])).toThrow(RangeError);
    expect(() => renderDigestEmail('en', [...digestItems('en'), ...digestItems('ar')])).toThrow(RangeError);
    const bad = {
      ...digestItems('en')[1],
      links: { interested: 'javascript:alert(1)', notForMe: 'https://b.no/n' },
    };
    expect(() => renderDigestEmail('en', [digestItems('en')[0], bad])).toThrow(RangeError);
  });
});

describe('renderDigestSms', () => {
  it.each(LANGUAGES)(
    'fits two segments in %s with realistic links, the first "interested" link first',
    (lang) => {
      const sms = renderDigestSms(lang, digestItems(lang));
      expect(sms.segments).toBeLessThanOrEqual(2);
      expect(smsSegments(sms.text)).toEqual({
        encoding: sms.encoding,
        units: expect.any(Number),
        segments: sms.segments,
      });
      const lines = sms.text.split('\n');
      expect(lines[0]).toMatch(/^Brobygger: /);
      expect(lines.find((l) => l.includes('https://'))).toContain(itemLinks(0).interested);
      for (const n of [0, 1, 2]) expect(sms.text).not.toContain(itemLinks(n).notForMe);
      // Not all three fit: the last line says how many more there are.
      expect(lines.at(-1)).toMatch(/^\+[12] /);
    },
  );

  it('gives Norwegian two openings with titles and says where the third is (GSM-7)', () => {
    expect(renderDigestSms('nb', digestItems('nb'))).toEqual({
      text: [
        'Brobygger: 3 jobbtips til deg:',
        'Sveiser',
        `Interessert: ${itemLinks(0).interested}`,
        'Lagermedarbeider',
        `Interessert: ${itemLinks(1).interested}`,
        '+1 til i appen eller e-posten',
      ].join('\n'),
      segments: 2,
      encoding: 'gsm7',
    });
  });

  it('lists every opening and no "more" line when all fit', () => {
    const items = digestItems('en').map((i, n) => ({
      ...i,
      links: { interested: `https://b.no/i${n}`, notForMe: `https://b.no/n${n}` },
    }));
    expect(renderDigestSms('en', items).text).toBe(
      [
        'Brobygger: 3 job tips for you:',
        'Sveiser',
        'Interested: https://b.no/i0',
        'Lagermedarbeider',
        'Interested: https://b.no/i1',
        'Kokk',
        'Interested: https://b.no/i2',
      ].join('\n'),
    );
  });

  it('says "a job tip" for one opening', () => {
    expect(renderDigestSms('en', digestItems('en', ['Sveiser'])).text).toBe(
      `Brobygger: A job tip for you:\nSveiser\nInterested: ${itemLinks(0).interested}`,
    );
  });

  it('shortens long titles before it leaves an opening out', () => {
    const long = (s: string) => `${s} med erfaring fra skipsverft, offshore og landbasert industri`;
    const sms = renderDigestSms('nb', digestItems('nb', [long('Sveiser'), long('Platearbeider')]));
    const lines = sms.text.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^Sveiser med .*[^.]\.\.\.$/);
    expect(lines[3]).toMatch(/^Platearbeider med .*[^.]\.\.\.$/);
    expect(long('Sveiser').startsWith(lines[1].slice(0, -3))).toBe(true);
    expect(sms.text).toContain(itemLinks(1).interested);
    expect(sms.segments).toBe(2);
  });

  // One 76-character link takes 76 of the 134 units of two UCS-2 segments; the count and the "more" line
  // take the rest. The page the link opens names the opening.
  it.each([
    ['ar', 'Brobygger: 3 فرص عمل لك:', '+2 أخرى في التطبيق أو البريد'],
    ['uk', 'Brobygger: 3 вакансії для вас:', '+2 у застосунку чи e-mail'],
  ] as [Lang, string, string][])('gives %s the first link alone (UCS-2)', (lang, intro, more) => {
    expect(renderDigestSms(lang, digestItems(lang))).toEqual({
      text: [intro, itemLinks(0).interested, more].join('\n'),
      segments: 2,
      encoding: 'ucs2',
    });
  });

  it('keeps titles and labels in Arabic when the links are short, without bidi isolates', () => {
    const items = digestItems('ar').map((i, n) => ({
      ...i,
      links: { interested: `https://b.no/i${n}`, notForMe: `https://b.no/n${n}` },
    }));
    const sms = renderDigestSms('ar', items);
    expect(sms.text).toContain('Sveiser\nيهمني: https://b.no/i0');
    expect(sms.text).not.toMatch(/[\u2068\u2069]/);
    expect(sms.segments).toBeLessThanOrEqual(2);
  });

  it('keeps a Norwegian SMS in GSM-7 when a title has typographic punctuation', () => {
    const sms = renderDigestSms('nb', digestItems('nb', ['Kokk – “Kafé Ørken’s”…', 'Sveiser']));
    expect(sms.encoding).toBe('gsm7');
    expect(sms.text).toContain('Kokk - "Kafé Ørken\'s"...');
  });

  it('gives up when not even the first link fits', () => {
    const long = `https://brobygger.no/r/${'x'.repeat(300)}`;
    const items = digestItems('nb').map((i) => ({ ...i, links: { interested: long, notForMe: long } }));
    expect(() => renderDigestSms('nb', items)).toThrow(SmsTooLongError);
  });

  it('refuses no items, items in another language and links that are not absolute http(s) URLs', () => {
    expect(() => renderDigestSms('en', [])).toThrow(RangeError);
    expect(() => renderDigestSms('nb', digestItems('uk'))).toThrow(RangeError);
    const bad = { ...digestItems('en')[2], links: { interested: '/r/abc', notForMe: 'https://b.no/n' } };
    expect(() => renderDigestSms('en', [...digestItems('en').slice(0, 2), bad])).toThrow(RangeError);
  });
});
