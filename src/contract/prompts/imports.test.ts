import { describe, expect, it } from 'vitest';
import { importedPaths, normalizePath } from './imports.ts';

describe('normalizePath', () => {
  it('drops ./ and leading /, resolves ..', () => {
    expect(normalizePath('./src/../lib/a.ts')).toBe('lib/a.ts');
    expect(normalizePath('/src//a.py')).toBe('src/a.py');
    expect(normalizePath('src\\win\\a.py')).toBe('src/win/a.py');
  });
});

describe('importedPaths: Python', () => {
  const paths = ['utils.py', 'models/__init__.py', 'models/net.py', 'pkg/helpers.py', 'app/db.py', 'app/sub/x.py', 'other.py'];
  const py = (current: string, text: string) => importedPaths(current, text, 'python', paths);

  it('import x and import a.b, in order of appearance, each once', () => {
    expect(py('main.py', 'import os\nimport models.net\nimport utils, os.path\nimport utils\n')).toEqual(['models/net.py', 'utils.py']);
  });

  it('from x import y, package __init__, and submodules named in the import list', () => {
    expect(py('main.py', 'from models import Net\n')).toEqual(['models/__init__.py']);
    expect(py('main.py', 'from pkg import helpers as h\n')).toEqual(['pkg/helpers.py']);
    expect(py('main.py', 'from models import (\n    net,\n    Other,\n)\n')).toEqual(['models/__init__.py', 'models/net.py']);
  });

  it('relative imports resolve from the current package', () => {
    expect(py('app/sub/x.py', 'from ..db import connect\n')).toEqual(['app/db.py']);
    expect(py('app/main.py', 'from . import db\nfrom .sub import x\n')).toEqual(['app/db.py', 'app/sub/x.py']);
  });

  it('absolute imports also resolve from the directories above the file', () => {
    expect(py('app/main.py', 'import db\n')).toEqual(['app/db.py']);
  });

  it('ignores the current file and unknown modules', () => {
    expect(py('utils.py', 'import utils\nimport numpy as np\n')).toEqual([]);
  });
});

describe('importedPaths: JavaScript and TypeScript', () => {
  const paths = ['src/util.ts', 'src/a/b.tsx', 'src/store/index.ts', 'lib/old.js', 'src/data.json', 'src/x.ts'];
  const ts = (text: string) => importedPaths('./src/main.ts', text, 'typescript', paths);

  it('relative specifiers with or without extension, ./x.js meaning x.ts', () => {
    expect(ts("import { u } from './util';")).toEqual(['src/util.ts']);
    expect(ts("import { u } from './util.js';")).toEqual(['src/util.ts']);
    expect(ts("import B from './a/b';")).toEqual(['src/a/b.tsx']);
    expect(ts("import data from './data.json';")).toEqual(['src/data.json']);
  });

  it('index files, require, dynamic import, re-exports, side-effect imports', () => {
    const text = [
      "import './x';",
      "export * from './store';",
      "const old = require('../lib/old');",
      "const lazy = await import('./a/b');",
      "import type {\n  T,\n} from './util';",
      "import React from 'react';",
    ].join('\n');
    expect(ts(text)).toEqual(['src/x.ts', 'src/store/index.ts', 'lib/old.js', 'src/a/b.tsx', 'src/util.ts']);
  });

  it('C includes resolve next to the file', () => {
    expect(importedPaths('src/main.c', '#include <stdio.h>\n#include "util.h"\n', 'c', ['src/util.h'])).toEqual(['src/util.h']);
  });

  it('returns the paths as given', () => {
    expect(importedPaths('src/main.ts', "import './util'", 'typescript', ['/src/util.ts'])).toEqual(['/src/util.ts']);
  });
});
