// The gallery's examples: each becomes a share link the app ships (see links.ts). Data only.
// `‸` marks where the cursor goes; it is removed from the file.
import type { ActionId } from '../prompts/actions.ts';
import type { ChatMode } from '../chat/modes.ts';
import type { Text } from '../i18n/text.ts';

export const CURSOR_MARK = '\u2038';

export const EXAMPLE_IDS = ['fim-python', 'fim-typescript', 'fix-bug', 'unit-tests', 'math-steps', 'math-python'] as const;
export type ExampleId = (typeof EXAMPLE_IDS)[number];

export interface Example {
  id: ExampleId;
  title: Text;
  summary: Text;
  /** A catalog key. */
  model: string;
  files: { path: string; text: string }[];
  mode: ChatMode;
  /** A coding action prepared on the active file. */
  action?: ActionId;
  /** Text left in the chat box. */
  draft?: string;
}

const INVENTORY_MODELS = `from dataclasses import dataclass


@dataclass
class Item:
    name: str
    price: float
    quantity: int = 0
`;

const INVENTORY = `from models import Item


class Inventory:
    """Items in stock, by name."""

    def __init__(self):
        self.items: dict[str, Item] = {}

    def add(self, item: Item) -> None:
        self.items[item.name] = item

    def total_value(self) -> float:
        """What everything in stock is worth."""
        ${CURSOR_MARK}

    def restock(self, name: str, amount: int) -> None:
        self.items[name].quantity += amount
`;

const CART_TYPES = `export interface Product {
  id: string;
  name: string;
  priceCents: number;
}

export interface CartLine {
  product: Product;
  quantity: number;
}
`;

const CART = `import type { CartLine } from './types';

/** The cart's total before tax, in cents. */
export function subtotal(lines: CartLine[]): number {
  ${CURSOR_MARK}
}

export function itemCount(lines: CartLine[]): number {
  return lines.reduce((n, line) => n + line.quantity, 0);
}
`;

const STATS = `def mean(values):
    return sum(values) / len(values)


def median(values):
    """The middle value; the mean of the two middle values for an even count."""
    n = len(values)
    middle = n // 2
    if n % 2 == 0:
        return (values[middle - 1] + values[middle]) / 2
    return values[middle]
`;

const SLUGIFY = `import re


def slugify(title: str, max_length: int = 60) -> str:
    """A URL slug: lower case, words joined by hyphens, no other characters."""
    if max_length < 1:
        raise ValueError("max_length must be positive")
    words = re.findall(r"[a-z0-9]+", title.lower())
    slug = "-".join(words)
    return slug[:max_length].rstrip("-")
`;

export const EXAMPLES: readonly Example[] = [
  {
    id: 'fim-python',
    title: { key: 'example_fim_python' },
    summary: { key: 'example_fim_python_summary' },
    model: 'deepseek-coder-1.3b-instruct',
    files: [
      { path: 'inventory.py', text: INVENTORY },
      { path: 'models.py', text: INVENTORY_MODELS },
    ],
    mode: 'chat',
  },
  {
    id: 'fim-typescript',
    title: { key: 'example_fim_typescript' },
    summary: { key: 'example_fim_typescript_summary' },
    model: 'deepseek-coder-1.3b-instruct',
    files: [
      { path: 'cart.ts', text: CART },
      { path: 'types.ts', text: CART_TYPES },
    ],
    mode: 'chat',
  },
  {
    id: 'fix-bug',
    title: { key: 'example_fix_bug' },
    summary: { key: 'example_fix_bug_summary' },
    model: 'deepseek-coder-1.3b-instruct',
    files: [{ path: 'stats.py', text: STATS }],
    mode: 'chat',
    action: 'fix',
  },
  {
    id: 'unit-tests',
    title: { key: 'example_unit_tests' },
    summary: { key: 'example_unit_tests_summary' },
    model: 'deepseek-coder-1.3b-instruct',
    files: [{ path: 'slugify.py', text: SLUGIFY }],
    mode: 'chat',
    action: 'tests',
  },
  {
    id: 'math-steps',
    title: { key: 'example_math_steps' },
    summary: { key: 'example_math_steps_summary' },
    model: 'deepseek-r1-distill-qwen-1.5b',
    files: [{ path: 'notes.md', text: '# A rectangle\n\nLength 3 cm more than the width, perimeter 26 cm.\n' }],
    mode: 'math',
    draft: 'A rectangle is 3 cm longer than it is wide, and its perimeter is 26 cm. What is its area in square centimetres?',
  },
  {
    id: 'math-python',
    title: { key: 'example_math_python' },
    summary: { key: 'example_math_python_summary' },
    model: 'deepseek-r1-distill-qwen-1.5b',
    files: [{ path: 'notes.md', text: '# Multiples of 3 or 5\n\nProject Euler, problem 1, counted instead of summed.\n' }],
    mode: 'tool',
    draft: 'How many positive integers below 1000 are divisible by 3 or by 5?',
  },
];
