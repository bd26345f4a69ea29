/*
 * Shared by the e-mails and the reply page. Not exported from the library's index except escapeHtml, which
 * render.ts re-exports.
 */

/** Links are made by our code, but a `javascript:` or relative one here would be a bug worth stopping on. */
export function checkedLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new RangeError('reply link must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError('reply link must be an absolute http(s) URL');
  }
  return link;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
