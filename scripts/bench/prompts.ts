// Fixed prompts. Every line starts at column 0 and none ends in ':' because Monaco re-indents
// typed newlines; the bench checks that the app and the bare page saw the same prompt tokens.
// Consecutive app requests alternate between A and B, which differ from their first token on:
// the engine reuses a cached KV prefix only from 4 shared tokens on, so no timed request is
// served from the previous one's cache unless a section wants exactly that.

export const PROMPT_A = [
  '# inventory.py: stock levels for a small shop, one record per line.',
  'import csv',
  'from decimal import Decimal',
  'STOCK_FILE = "stock.csv"',
  'LOW_STOCK = 5',
  'def read_rows(path): return list(csv.DictReader(open(path, newline="")))',
  '# Return the total value of everything in stock, as a Decimal.',
  'def total_value(rows): return',
].join('\n');

export const PROMPT_B = [
  'import math',
  '# geometry.py: areas and perimeters of simple shapes, in metres.',
  'GOLDEN_RATIO = (1 + math.sqrt(5)) / 2',
  'def circle_area(radius): return math.pi * radius * radius',
  'def circle_perimeter(radius): return 2 * math.pi * radius',
  '# Return the area of a rectangle whose sides follow the golden ratio.',
  'def golden_rectangle_area(short_side): return',
].join('\n');

/** A shared body that makes a prompt long enough for prefix reuse to matter. */
const bodyLine = (i: number): string => `def helper_${i}(x, y): return (x * ${i} + y) % ${i + 7}`;

/** About `lines` * 20 tokens: the prompt's own lines, then the shared body. */
export function longPrompt(head: string, lines: number): string {
  return [head, ...Array.from({ length: lines }, (_, i) => bodyLine(i)), '# Return the sum of all helpers.', 'def all_helpers(x, y): return'].join('\n');
}

export function promptFor(round: number): string {
  return round % 2 === 0 ? PROMPT_A : PROMPT_B;
}
