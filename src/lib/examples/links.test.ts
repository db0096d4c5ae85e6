import { describe, expect, it } from 'vitest';
import { decode } from '../share/codec.ts';
import { CURSOR_MARK, EXAMPLES, EXAMPLE_IDS } from './examples.ts';
import { exampleLinks } from './links.ts';
import { findEntry } from '../models/catalog.ts';

describe('example links', () => {
  it('each example decodes to its files, model, mode and start, with the cursor where the mark was', async () => {
    const links = await exampleLinks('/?x=1');
    expect(Object.keys(links).sort()).toEqual([...EXAMPLE_IDS].sort());
    for (const e of EXAMPLES) {
      const href = links[e.id];
      expect(href.startsWith('/?x=1#v1/'), e.id).toBe(true);
      const r = await decode(href.slice(href.indexOf('#')));
      if (!r.ok) throw new Error(`${e.id}: ${JSON.stringify(r.message)}`);
      const s = r.state;
      expect(s.files.map((f) => f.path), e.id).toEqual(e.files.map((f) => f.path));
      expect(s.files.some((f) => f.text.includes(CURSOR_MARK)), e.id).toBe(false);
      expect(findEntry(s.choice.model), e.id).toBeDefined();
      expect(s.chat.mode, e.id).toBe(e.mode);
      expect(s.start?.action, e.id).toBe(e.action);
      expect(s.start?.draft, e.id).toBe(e.draft);
      const mark = e.files[0].text.indexOf(CURSOR_MARK);
      if (mark < 0) expect(s.start?.cursor, e.id).toBeUndefined();
      else {
        // The cursor sits on the marked spot: what was before the mark is before it.
        expect(s.files[0].text.slice(0, s.start!.cursor), e.id).toBe(e.files[0].text.slice(0, mark));
      }
    }
  });

  it('the FIM examples leave the cursor in an empty body, with another file for context', () => {
    for (const e of EXAMPLES.filter((x) => x.id.startsWith('fim-'))) {
      expect(e.files.length, e.id).toBeGreaterThan(1);
      expect(e.files[0].text.split('\n').find((l) => l.includes(CURSOR_MARK))?.trim(), e.id).toBe(CURSOR_MARK);
    }
  });
});
