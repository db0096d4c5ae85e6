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
