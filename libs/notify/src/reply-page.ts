import { bidiIsolate, textDirection, translate, type Lang, type MessageKey } from './catalogue';
import { checkedLink, escapeHtml } from './html';
import type { ReplyAnswer } from './reply-token';

/*
 * The page a candidate sees on opening a reply link without logging in. Mail scanners and link previews open
 * links with GET, so a GET must never answer for the candidate: it shows 'confirm', whose buttons POST. The
 * other answer is offered beside it, so an SMS that carried only the "interested" link still lets the
 * candidate say "not for me". The page is self-contained: no scripts, no external resources, inline CSS only.
 */

export type ReplyOutcome = 'confirm' | 'recorded' | 'already-answered' | 'expired' | 'invalid' | 'gone';

export interface ReplyPageInput {
  lang: Lang;
  outcome: ReplyOutcome;
  /** The link's answer ('confirm'), the answer saved ('recorded'), or the earlier one ('already-answered'). */
  answer?: ReplyAnswer;
  /** Shown when given; the caller leaves it out where the token could not be trusted. */
  openingTitle?: string;
  /** Needed for 'confirm': absolute http(s) URLs the buttons POST to. */
  confirm?: {
    /** Saves `answer`. */
    action: string;
    /** Saves the other answer. */
    otherAction: string;
  };
}

export interface RenderedPage {
  html: string;
  status: number;
}

/** Gone for good is 410 whether the link or the opening went; a used link is a conflict with its earlier use. */
export const REPLY_PAGE_STATUS: Readonly<Record<ReplyOutcome, number>> = {
  confirm: 200,
  recorded: 200,
  'already-answered': 409,
  expired: 410,
  invalid: 400,
  gone: 410,
};

const OTHER: Readonly<Record<ReplyAnswer, ReplyAnswer>> = {
  interested: 'not-interested',
  'not-interested': 'interested',
};

/** The buttons' words are the e-mail's, so the candidate meets the same two answers everywhere. */
const BUTTON: Readonly<Record<ReplyAnswer, MessageKey>> = {
  interested: 'email.interested',
  'not-interested': 'email.notForMe',
};

export function renderReplyPage(input: ReplyPageInput): RenderedPage {
  const { lang, outcome, openingTitle } = input;
  if (!Object.hasOwn(REPLY_PAGE_STATUS, outcome)) {
    throw new RangeError(`renderReplyPage: unknown outcome ${JSON.stringify(outcome)}`);
  }
  const e = escapeHtml;
  const t = (key: MessageKey) => translate(lang, key);
  const { heading, body } = content(input);
  const title = openingTitle?.trim()
    ? `<p class="job">${e(translate(lang, 'inApp.title', { title: bidiIsolate(lang, openingTitle.trim()) }))}</p>\n`
    : '';
  const html = `<!DOCTYPE html>
<html lang="${lang}" dir="${textDirection(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(t(heading))} - Brobygger</title>
<style>
body{margin:0;padding:24px 16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5}
main{max-width:32em;margin:0 auto}
h1{margin:0 0 16px;font-size:24px;line-height:1.3}
p{margin:0 0 16px}
form{margin:0 0 24px}
button{display:block;width:100%;padding:14px 20px;border:2px solid #1d6b3a;border-radius:6px;background:#1d6b3a;color:#ffffff;font:inherit;font-weight:bold;cursor:pointer}
button.no{border-color:#555555;background:#555555}
button.other{background:#ffffff;color:#1a1a1a}
.brand{font-size:14px;color:#555555}
.job{font-weight:bold}
</style>
</head>
<body>
<main>
<p class="brand">Brobygger</p>
<h1>${e(t(heading))}</h1>
${title}${body}
</main>
</body>
</html>
`;
  return { html, status: REPLY_PAGE_STATUS[outcome] };
}

/** The heading and the escaped body of each outcome. */
function content(input: ReplyPageInput): { heading: MessageKey; body: string } {
  const { lang, outcome, answer } = input;
  const paragraphs = (...keys: MessageKey[]) =>
    keys.map((key) => `<p>${escapeHtml(translate(lang, key))}</p>`).join('\n');
  switch (outcome) {
    case 'confirm': {
      const { confirm } = input;
      if (!answer || !confirm) throw new RangeError("renderReplyPage: 'confirm' needs answer and confirm");
      const action = checkedLink(confirm.action);
      const otherAction = checkedLink(confirm.otherAction);
      return {
        heading: 'reply.confirmHeading',
        body: [
          paragraphs(
            answer === 'interested' ? 'reply.confirmInterested' : 'reply.confirmNotInterested',
            'reply.confirmTap',
          ),
          form(lang, action, answer, false),
          paragraphs('reply.confirmOther'),
          form(lang, otherAction, OTHER[answer], true),
        ].join('\n'),
      };
    }
    case 'recorded':
      if (!answer) throw new RangeError("renderReplyPage: 'recorded' needs the answer");
      return {
        heading: 'reply.recordedHeading',
        body: paragraphs(
          answer === 'interested' ? 'reply.recordedInterested' : 'reply.recordedNotInterested',
        ),
      };
    case 'already-answered': {
      const earlier: MessageKey[] = !answer
        ? []
        : [answer === 'interested' ? 'reply.alreadyInterested' : 'reply.alreadyNotInterested'];
      return {
        heading: 'reply.alreadyHeading',
        body: paragraphs('reply.alreadyText', 'reply.nothingChanged', ...earlier, 'reply.alreadyChange'),
      };
    }
    case 'expired':
      return {
        heading: 'reply.expiredHeading',
        body: paragraphs('reply.expiredText', 'reply.nothingChanged', 'reply.expiredHelp'),
      };
    case 'invalid':
      return {
        heading: 'reply.invalidHeading',
        body: paragraphs('reply.invalidText', 'reply.nothingChanged', 'reply.invalidHelp'),
      };
    case 'gone':
      return {
        heading: 'reply.goneHeading',
        body: paragraphs('reply.goneText', 'reply.nothingChanged', 'reply.goneHelp'),
      };
  }
}

/** One answer as a POST form: its own button, so no script is needed. `other` draws it as the lesser choice. */
function form(lang: Lang, action: string, answer: ReplyAnswer, other: boolean): string {
  const classes = [...(answer === 'not-interested' ? ['no'] : []), ...(other ? ['other'] : [])];
  const cls = classes.length ? ` class="${classes.join(' ')}"` : '';
  return `<form method="post" action="${escapeHtml(action)}">
<button type="submit"${cls}>${escapeHtml(translate(lang, BUTTON[answer]))}</button>
</form>`;
}
