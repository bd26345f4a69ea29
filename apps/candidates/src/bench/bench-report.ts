/** Small measuring and printing helpers for the benchmark. */

export const now = () => performance.now();

/** The p-th percentile (0–100) by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const mean = (values: readonly number[]) =>
  values.length ? values.reduce((s, v) => s + v, 0) / values.length : NaN;

/** A ratio, or null when the baseline is zero (printed as "n/a", kept as null in the JSON). */
export const ratio = (a: number, b: number): number | null =>
  b === 0 || !Number.isFinite(a / b) ? null : a / b;

export function fmt(value: number | null, digits = 0): string {
  if (value === null || Number.isNaN(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Significant digits for ratios, which span 0.001 to 100. */
export function fmtRatio(value: number | null): string {
  if (value === null) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

export interface TableRow {
  metric: string;
  system: string;
  baseline: string;
  ratio: string;
}

export function table(rows: TableRow[]): string {
  const head: TableRow = { metric: 'metric', system: 'Brobygger', baseline: 'baseline', ratio: 'ratio' };
  const all = [head, ...rows];
  const width = (k: keyof TableRow) => Math.max(...all.map((r) => r[k].length));
  const line = (r: TableRow) =>
    [
      r.metric.padEnd(width('metric')),
      r.system.padStart(width('system')),
      r.baseline.padStart(width('baseline')),
      r.ratio.padStart(width('ratio')),
    ].join('  ');
  const rule = '-'.repeat(line(head).length);
  return [rule, line(head), rule, ...rows.map(line), rule].join('\n');
}
