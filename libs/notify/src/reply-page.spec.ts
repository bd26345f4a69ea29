import { LANGUAGES, type Lang } from './catalogue';
import { escapeHtml } from './render';
import { renderReplyPage, type ReplyOutcome, type ReplyPageInput } from './reply-page';

const ACTION = 'https://brobygger.no/r/AQBrEqtAPyuMHppNTm-LehwtPk9aYA.utj4z65b5ETlxqpb9pZcHQ';
const OTHER_ACTION = 'https://brobygger.no/r/AQFrEqtAPyuMHppNTm-LehwtPk9aYA.abkyROHHszsCulPct0k_Ew';

function newPage(overrides: Partial<ReplyPageInput> = {}): ReplyPageInput {
  return {
    lang: 'en',
    outcome: 'confirm',
    answer: 'interested',
    openingTitle: 'Sveiser',
    confirm: { action: ACTION, otherAction: OTHER_ACTION },
    ...overrides,
  };
}

/** The visible words: tags, the style block and the document's head left out. */
function words(html: string): string {
  return html
    .replace(/^[\s\S]*<body>/, '')
    .replace(/<[^>]+>/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

const OUTCOMES: ReplyOutcome[] = ['confirm', 'recorded', 'already-answered', 'expired', 'invalid', 'gone'];

describe('renderReplyPage', () => {
  it.each([
    ['confirm', 200],
    ['recorded', 200],
    ['already-answered', 409],
    ['expired', 410],
    ['gone', 410],
    ['invalid', 400],
  ] as [ReplyOutcome, number][])('answers %s with HTTP %d', (outcome, status) => {
    expect(renderReplyPage(newPage({ outcome })).status).toBe(status);
  });

  it.each(LANGUAGES.flatMap((lang) => OUTCOMES.map((outcome) => [lang, outcome] as [Lang, ReplyOutcome])))(
    'is a complete, self-contained page for phones in %s (%s)',
    (lang, outcome) => {
      const { html } = renderReplyPage(newPage({ lang, outcome }));
      expect(html).toMatch(
        new RegExp(
          `^<!DOCTYPE html>\\n<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">\\n<head>\\n`,
        ),
      );
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
      expect(html).toMatch(/<title>[^<]+ - Brobygger<\/title>/);
      expect(html).toMatch(/<h1>[^<]+<\/h1>/);
      expect(html.trimEnd()).toMatch(/<\/body>\n<\/html>$/);
      // No scripts, nothing loaded from elsewhere: the only URLs are the forms' own.
      expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(|@import|\son\w+=/i);
      expect(html.match(/https?:\/\/[^"]*/g) ?? []).toEqual(
        outcome === 'confirm' ? [ACTION, OTHER_ACTION] : [],
      );
    },
  );

  describe('confirm', () => {
    it("asks to confirm the link's answer with a POST form, and offers the other answer beside it", () => {
      const { html } = renderReplyPage(newPage());
      expect(words(html)).toBe(
        [
          'Brobygger',
          'Please confirm your answer',
          'Job tip: Sveiser',
          'You answered: I am interested in this job.',
          'Tap the button to confirm.',
          'Yes, I am interested',
          'Did you mean the other answer? Tap here:',
          'No, not for me',
        ].join('\n'),
      );
      expect(html).toContain(
        `<form method="post" action="${ACTION}">\n<button type="submit">Yes, I am interested</button>\n</form>`,
      );
      expect(html).toContain(
        `<form method="post" action="${OTHER_ACTION}">\n<button type="submit" class="no other">No, not for me</button>\n</form>`,
      );
      // A GET of the page answers nothing: no link carries an answer, and the forms do not submit themselves.
      expect(html).not.toMatch(/<a |method="get"|http-equiv="refresh"/i);
    });

    it('works the other way round for "not for me"', () => {
      const { html } = renderReplyPage(
        newPage({ answer: 'not-interested', confirm: { action: OTHER_ACTION, otherAction: ACTION } }),
      );
      expect(words(html)).toContain('You answered: This job is not for me.');
      expect(html).toContain(
        `<form method="post" action="${OTHER_ACTION}">\n<button type="submit" class="no">No, not for me</button>`,
      );
      expect(html).toContain(
        `<form method="post" action="${ACTION}">\n<button type="submit" class="other">Yes, I am interested</button>`,
      );
    });

    it('is right to left in Arabic, the title isolated', () => {
      const { html, status } = renderReplyPage(newPage({ lang: 'ar' }));
      expect(status).toBe(200);
      expect(html).toContain('<html lang="ar" dir="rtl">');
      expect(words(html)).toBe(
        [
          'Brobygger',
          'من فضلك أكّد إجابتك',
          'عمل قد يناسبك: \u2068Sveiser\u2069',
          'إجابتك: هذا العمل يهمني.',
          'اضغط على الزر للتأكيد.',
          'نعم، هذا العمل يهمني',
          'هل تقصد الإجابة الأخرى؟ اضغط هنا:',
          'لا، هذا لا يناسبني',
        ].join('\n'),
      );
    });

    it('needs the answer and both actions, as absolute http(s) URLs', () => {
      expect(() => renderReplyPage(newPage({ confirm: undefined }))).toThrow(RangeError);
      expect(() => renderReplyPage(newPage({ answer: undefined }))).toThrow(RangeError);
      for (const bad of ['javascript:alert(1)', '/r/abc', 'data:text/html,hi']) {
        expect(() =>
          renderReplyPage(newPage({ confirm: { action: bad, otherAction: OTHER_ACTION } })),
        ).toThrow(RangeError);
        expect(() => renderReplyPage(newPage({ confirm: { action: ACTION, otherAction: bad } }))).toThrow(
          RangeError,
        );
      }
    });
  });

  describe('recorded', () => {
    it.each([
      ['interested', 'You are interested in this job. Your coach will contact you soon.'],
      ['not-interested', 'This job is not for you. We will not send you more about this job.'],
    ] as const)('thanks and says what happens next (%s)', (answer, next) => {
      const { html, status } = renderReplyPage(newPage({ outcome: 'recorded', answer }));
      expect(status).toBe(200);
      expect(words(html)).toBe(
        ['Brobygger', 'Thank you for your answer', 'Job tip: Sveiser', next].join('\n'),
      );
      expect(html).not.toContain('<form');
    });

    it('in Arabic', () => {
      const { html } = renderReplyPage(
        newPage({ lang: 'ar', outcome: 'recorded', answer: 'not-interested' }),
      );
      expect(html).toContain('dir="rtl"');
      expect(words(html)).toContain('شكرًا على إجابتك\n');
      expect(words(html)).toContain('هذا العمل لا يناسبك. لن نرسل لك رسائل أخرى عن هذا العمل.');
    });

    it('needs the answer', () => {
      expect(() => renderReplyPage(newPage({ outcome: 'recorded', answer: undefined }))).toThrow(RangeError);
    });
  });

  describe('already-answered', () => {
    it('says the link was used, nothing changed, and what the earlier answer was', () => {
      const { html, status } = renderReplyPage(
        newPage({ outcome: 'already-answered', answer: 'not-interested' }),
      );
      expect(status).toBe(409);
      expect(words(html)).toBe(
        [
          'Brobygger',
          'You have already used this link',
          'Job tip: Sveiser',
          'You have already answered.',
          'Nothing has changed.',
          'Your answer was: This job is not for me.',
          'Do you want to change your answer? Contact your coach.',
        ].join('\n'),
      );
      expect(html).not.toContain('<form');
    });

    it('leaves the earlier answer out when it is not known', () => {
      const { html } = renderReplyPage(newPage({ outcome: 'already-answered', answer: undefined }));
      expect(words(html)).not.toContain('Your answer was');
      expect(words(html)).toContain('Nothing has changed.');
    });

    it('in Arabic', () => {
      const { html } = renderReplyPage(newPage({ lang: 'ar', outcome: 'already-answered' }));
      expect(html).toContain('dir="rtl"');
      expect(words(html)).toContain('لقد استخدمت هذا الرابط من قبل\n');
      expect(words(html)).toContain('لم يتغير شيء.\nكانت إجابتك: هذا العمل يهمني.');
    });
  });

  describe.each([
    [
      'expired',
      410,
      [
        'This link is too old',
        'You cannot answer with this link any more.',
        'Nothing has changed.',
        'Are you interested in the job? Contact your coach.',
      ],
      [
        'هذا الرابط قديم جدًا',
        'لم يعد بإمكانك الإجابة بهذا الرابط.',
        'لم يتغير شيء.',
        'هل يهمك هذا العمل؟ تواصل مع مرشدك.',
      ],
    ],
    [
      'invalid',
      400,
      [
        'This link does not work',
        'The link is not valid. Maybe a part of it is missing, or someone has changed it.',
        'Nothing has changed.',
        'Try to open the whole link again, or contact your coach.',
      ],
      [
        'هذا الرابط لا يعمل',
        'هذا الرابط غير صالح. ربما ينقصه جزء، أو غيّره أحد.',
        'لم يتغير شيء.',
        'حاول أن تفتح الرابط كاملًا مرة أخرى، أو تواصل مع مرشدك.',
      ],
    ],
    [
      'gone',
      410,
      [
        'This job tip is no longer available',
        'Maybe the employer has found someone, or the job is closed.',
        'Nothing has changed.',
        'We will send you new job tips when we find them.',
      ],
      [
        'فرصة العمل هذه لم تعد متاحة',
        'ربما وجد صاحب العمل شخصًا، أو أُغلق هذا العمل.',
        'لم يتغير شيء.',
        'سنرسل لك فرص عمل جديدة عندما نجدها.',
      ],
    ],
  ] as [ReplyOutcome, number, string[], string[]][])('%s', (outcome, status, en, ar) => {
    it('explains in English, with no forms', () => {
      const page = renderReplyPage({ lang: 'en', outcome });
      expect(page.status).toBe(status);
      expect(words(page.html)).toBe(['Brobygger', ...en].join('\n'));
      expect(page.html).toContain(`<title>${en[0]} - Brobygger</title>`);
      expect(page.html).not.toContain('<form');
    });

    it('explains in Arabic, right to left', () => {
      const page = renderReplyPage({ lang: 'ar', outcome });
      expect(page.status).toBe(status);
      expect(page.html).toContain('<html lang="ar" dir="rtl">');
      expect(words(page.html)).toBe(['Brobygger', ...ar].join('\n'));
    });

    it('ignores answer and actions given anyway', () => {
      const { html } = renderReplyPage(newPage({ outcome, openingTitle: undefined }));
      expect(words(html)).toBe(['Brobygger', ...en].join('\n'));
    });
  });

  it('escapes the title everywhere it shows', () => {
    const title = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    for (const outcome of OUTCOMES) {
      const { html } = renderReplyPage(newPage({ outcome, openingTitle: title }));
      expect(html).not.toMatch(/<script|<img/);
      expect(html).toContain(`<p class="job">Job tip: ${escapeHtml(title)}</p>`);
    }
  });

  it('escapes the form actions', () => {
    const { html } = renderReplyPage(
      newPage({
        confirm: { action: 'https://brobygger.no/r?a=1&b="2"><script>', otherAction: OTHER_ACTION },
      }),
    );
    expect(html).toContain('action="https://brobygger.no/r?a=1&amp;b=&quot;2&quot;&gt;&lt;script&gt;"');
    expect(html).not.toMatch(/<script/);
  });

  it('leaves out a blank title', () => {
    expect(renderReplyPage(newPage({ openingTitle: '  ' })).html).not.toContain('class="job"');
  });

  it('refuses an outcome it does not know', () => {
    expect(() => renderReplyPage(newPage({ outcome: 'toString' as ReplyOutcome }))).toThrow(RangeError);
  });
});
