// Download sizes in decimal units (as hosts quote them), the number in the locale's digits.

/** `locale`: a BCP 47 tag, the interface's language (getLocale()). */
export function formatBytes(n: number, locale = 'en'): string {
  if (!Number.isFinite(n) || n <= 0) return '0 B';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = i === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v)} ${units[i]}`;
}

/** 0.348 -> "34.8%" in the locale's digits. */
export function formatPercent(x: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);
}

/** A duration in the largest unit that keeps it readable: "45 sec", "12 min", "3.5 hr". */
export function formatDuration(ms: number, locale = 'en'): string {
  const s = Math.max(0, ms / 1000);
  const [value, unit] = s < 90 ? [Math.round(s), 'second'] : s < 5400 ? [Math.round(s / 60), 'minute'] : [Math.round(s / 360) / 10, 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}
