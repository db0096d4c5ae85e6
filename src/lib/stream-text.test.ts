import { describe, expect, it } from 'vitest';
import { StreamedText } from './stream-text.ts';

// Just enough DOM for StreamedText: elements with children, text nodes with appendData.
class FakeText {
  appended = 0;
  constructor(public data: string) {}
  appendData(s: string): void {
    this.data += s;
    this.appended++;
  }
  get textContent(): string {
    return this.data;
  }
}

class FakeElement {
  className = '';
  classes = new Set<string>();
  classList = { add: (...names: string[]) => names.forEach((n) => this.classes.add(n)) };
  children: (FakeElement | FakeText)[] = [];
  ownerDocument = {
    createElement: () => new FakeElement(),
    createTextNode: (s: string) => new FakeText(s),
  };
  append(...nodes: (FakeElement | FakeText)[]): void {
    this.children.push(...nodes);
  }
  replaceChildren(): void {
    this.children = [];
  }
  get textContent(): string {
    return this.children.map((c) => c.textContent).join('');
  }
  get blocks(): string[] {
    return this.children.map((c) => c.textContent);
  }
}

function view(blockChars: number): { host: FakeElement; text: StreamedText } {
  const host = new FakeElement();
  return { host, text: new StreamedText(host as unknown as HTMLElement, 'pre-wrap', blockChars) };
}

describe('StreamedText', () => {
  it('appends chunks to the last block and keeps the earlier ones', () => {
    const { host, text } = view(10);
    text.show('def f(x):');
    const first = host.children[0];
    text.show('def f(x):\n    return');
    text.show('def f(x):\n    return x\n');
    expect(host.textContent).toBe('def f(x):\n    return x\n');
    expect(host.children[0]).toBe(first);
    expect(host.children.every((b) => b instanceof FakeElement && b.className === 'block')).toBe(true);
    // stream-text.css lays the blocks out by these classes.
    expect([...host.classes]).toEqual(['streamed-text', 'ws-pre-wrap']);
  });

  it('starts a block at a line break once a block is long, so every block but the last ends with "\\n"', () => {
    const { host, text } = view(8);
    let shown = '';
    for (const chunk of ['abc', 'def', 'gh\nij', 'klmno', 'pq', 'r\n', 's', 'tuvwxyz\n', '\n', 'end']) {
      shown += chunk;
      text.show(shown);
      expect(host.textContent).toBe(shown);
    }
    expect(host.blocks).toEqual(['abcdefgh\n', 'ijklmnopqr\n', 'stuvwxyz\n', '\nend']);
  });

  it('text after a long block that ends a line starts a new block', () => {
    const { host, text } = view(4);
    text.show('abcdef\n');
    expect(host.blocks).toEqual(['abcdef\n']);
    text.show('abcdef\nxyz\n');
    text.show('abcdef\nxyz\nmore');
    expect(host.blocks).toEqual(['abcdef\n', 'xyz\n', 'more']);
  });

  it('rebuilds when the text does not extend what is shown', () => {
    const { host, text } = view(4);
    text.show('first answer\nline two\n');
    text.show('');
    expect(host.textContent).toBe('');
    expect(host.children).toHaveLength(1);
    text.show('second\nanswer\nhere');
    expect(host.blocks).toEqual(['second\n', 'answer\n', 'here']);
    text.show('sec');
    expect(host.blocks).toEqual(['sec']);
  });

  it('never appends when nothing new came', () => {
    const { host, text } = view(100);
    text.show('abc');
    const node = host.children[0] instanceof FakeElement ? host.children[0].children[0] : null;
    if (!(node instanceof FakeText)) throw new Error('no text node');
    const appends = node.appended;
    text.show('abc');
    expect(node.appended).toBe(appends);
    expect(host.textContent).toBe('abc');
  });
});
