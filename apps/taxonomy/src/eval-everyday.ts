/*
 * The second half of `npm run eval:taxonomy` (scripts/eval-taxonomy.ts starts the system, or uses GATEWAY_URL,
 * then runs this from dist/): how well everyday skill words land on the skills a coach would accept, measured
 * from outside through the gateway's HTTP API with a staff token, as a user's browser reaches it.
 *
 * The words are data/eval/everyday-skills.csv (bokmål, English, Arabic, Ukrainian; its source note says who
 * wrote it, how, and how it is split). Per language and split:
 *   normalise acc@1      the top skill of POST /api/v1/taxonomy/normalise {texts, lang} is accepted
 *   autocomplete acc@5   an accepted skill is among the first 5 of GET /api/v1/taxonomy/skills?q=&lang=&limit=5
 * The item's language is sent as `lang`, as the web app sends the user's. Prints figures and writes them to
 * $EVAL_OUT_DIR/everyday-<timestamp>.json (with the dev part's misses); asserts nothing (figures are not tests).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  MAX_NORMALISE_TEXTS,
  type NormaliseResult,
  type SkillHit,
  type TaxonomyInfo,
} from '@brobygger/contracts';
import { env, loadConfig, signAccessToken } from '@brobygger/platform';
import {
  EVERYDAY_LANGS,
  everydayFigures,
  parseEverydaySet,
  type EverydayAnswer,
  type EverydayItem,
} from '@brobygger/taxonomy';
import { shippedData } from './data-dir';

const config = loadConfig(
  {
    GATEWAY_URL: env.url({ protocols: ['http', 'https'], describe: 'the gateway of the system under test' }),
    JWT_SECRET: env.string({ minLength: 32, describe: 'the secret the gateway checks bearer tokens with' }),
    EVAL_OUT_DIR: env.string({ default: '', describe: 'folder for the JSON result (none when empty)' }),
  },
  process.env,
);
const AUTOCOMPLETE_K = 5;
/** Autocomplete requests in flight at once: a person types one word at a time; two keep it quick. */
const CONCURRENCY = 2;
/**
 * Tries per request. A 503 is the gateway's RPC timeout (10 s), which a machine busy with other work causes now
 * and then: a figure about quality must not count it as a wrong answer, so it is asked again.
 */
const TRIES = 4;
/** Texts per normalise request (the API takes up to MAX_NORMALISE_TEXTS): an unanswered request loses fewer. */
const NORMALISE_CHUNK = Math.min(50, MAX_NORMALISE_TEXTS);
const log = (line: string) => process.stderr.write(`[eval-everyday] ${line}\n`);

const token = signAccessToken({ sub: 'eval-taxonomy', role: 'staff' }, config.JWT_SECRET, 3600);

let retried = 0;
/**
 * Items the system did not answer even when asked again: counted as misses (a user typing them gets nothing)
 * and shown beside the figures, so slowness is not mistaken for a wrong answer, nor hidden.
 */
const unanswered = { normalise: new Set<EverydayItem>(), autocomplete: new Set<EverydayItem>() };

class Unanswered extends Error {}

async function api<T>(path: string, init?: RequestInit, tries = TRIES): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${config.GATEWAY_URL}/api/v1/taxonomy${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(60_000),
    });
    if (res.ok) return (await res.json()) as T;
    const error = new Error(`${init?.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    if (res.status === 503 && attempt >= tries) throw new Unanswered(error.message);
    if (res.status !== 503) throw error;
    retried++;
    await sleep(1_000 * attempt);
  }
}

/**
 * Waits until normalisation answers: /api/health is 200 as soon as the services are connected, but the taxonomy
 * service loads its ~110k labels into memory on the first lookup, which can outlast the gateway's RPC timeout
 * on a busy machine. The first answers would then be 503s that say nothing about quality.
 */
async function warmUp(timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await api<NormaliseResult>('/normalise', { method: 'POST', body: JSON.stringify({ texts: ['x'] }) }, 1);
      return;
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(2_000);
    }
  }
}

async function normalise(items: EverydayItem[]): Promise<Map<EverydayItem, string[]>> {
  const out = new Map<EverydayItem, string[]>();
  for (const lang of EVERYDAY_LANGS) {
    const ofLang = items.filter((i) => i.lang === lang);
    for (let at = 0; at < ofLang.length; at += NORMALISE_CHUNK) {
      const chunk = ofLang.slice(at, at + NORMALISE_CHUNK);
      const res = await api<NormaliseResult>('/normalise', {
        method: 'POST',
        body: JSON.stringify({ texts: chunk.map((i) => i.text), lang }),
      }).catch((err: unknown) => {
        if (!(err instanceof Unanswered)) throw err;
        log(err.message);
        chunk.forEach((item) => unanswered.normalise.add(item));
        return { kind: 'texts' as const, results: chunk.map((i) => ({ text: i.text, skills: [] })) };
      });
      if (res.kind !== 'texts') throw new Error(`normalise answered ${res.kind} to texts`);
      chunk.forEach((item, k) =>
        out.set(
          item,
          res.results[k].skills.map((s) => s.id),
        ),
      );
    }
  }
  return out;
}

async function suggest(items: EverydayItem[]): Promise<Map<EverydayItem, string[]>> {
  const out = new Map<EverydayItem, string[]>();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const q = new URLSearchParams({ q: item.text, lang: item.lang, limit: String(AUTOCOMPLETE_K) });
      const hits = await api<SkillHit[]>(`/skills?${q.toString()}`).catch((err: unknown) => {
        if (!(err instanceof Unanswered)) throw err;
        log(err.message);
        unanswered.autocomplete.add(item);
        return [];
      });
      if (out.size % 100 === 99) log(`autocomplete: ${out.size + 1} of ${items.length}`);
      out.set(
        item,
        hits.map((h) => h.id),
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return out;
}

function countIn(items: ReadonlySet<EverydayItem>, cell: { lang: string; split: string }): number {
  return [...items].filter((i) => i.lang === cell.lang && i.split === cell.split).length;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const items = parseEverydaySet(readFileSync(join(shippedData('eval'), 'everyday-skills.csv'), 'utf8'));
  const info = await api<TaxonomyInfo>('');
  await warmUp();
  const normalised = await normalise(items);
  const suggested = await suggest(items);
  const answers: EverydayAnswer[] = items.map((item) => ({
    item,
    normalised: normalised.get(item)!,
    suggested: suggested.get(item)!,
  }));
  const figures = everydayFigures(answers);

  const pct = (x: number) => x.toFixed(2);
  console.log(
    `\n3. Everyday words through the HTTP API (${config.GATEWAY_URL}, taxonomy ${info.version}): ` +
      `${items.length} texts, data/eval/everyday-skills.csv`,
  );
  console.log(
    `${'language'.padEnd(9)} ${'split'.padEnd(5)} ${'items'.padStart(5)} ` +
      `${'normalise acc@1'.padStart(15)} ${'autocomplete acc@5'.padStart(18)}   unanswered (normalise, autocomplete)`,
  );
  for (const f of figures) {
    console.log(
      `${f.lang.padEnd(9)} ${f.split.padEnd(5)} ${String(f.items).padStart(5)} ` +
        `${pct(f.normaliseAt1).padStart(15)} ${pct(f.autocompleteAt5).padStart(18)}   ` +
        `${countIn(unanswered.normalise, f)}, ${countIn(unanswered.autocomplete, f)}`,
    );
  }
  console.log(`(${((Date.now() - t0) / 1000).toFixed(0)} s; ${retried} requests asked again after a 503)`);

  if (config.EVAL_OUT_DIR) {
    mkdirSync(config.EVAL_OUT_DIR, { recursive: true });
    const file = join(config.EVAL_OUT_DIR, `everyday-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    // Misses of the dev part only: the held part is for reporting, and a list of its misses is a list to tune on.
    const misses = answers
      .filter((a) => a.item.split === 'dev' && !a.item.accepted.includes(a.normalised[0] ?? ''))
      .map((a) => ({ ...a.item, normalised: a.normalised.slice(0, 3), suggested: a.suggested }));
    writeFileSync(
      file,
      JSON.stringify(
        {
          gateway: config.GATEWAY_URL,
          taxonomy: info,
          figures,
          unanswered: { normalise: unanswered.normalise.size, autocomplete: unanswered.autocomplete.size },
          misses,
        },
        null,
        2,
      ),
    );
    console.log(`written to ${file}`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
