import { describe, expect, it } from 'vitest';
import { commentLine, languageFromPath, languageInfo } from './languages.ts';

describe('languages', () => {
  it('decides the comment syntax from the extension', () => {
    const header = (p: string) => commentLine(languageFromPath(p).comment, p);
    expect(header('pkg/utils.py')).toBe('# pkg/utils.py');
    expect(header('scripts/run.sh')).toBe('# scripts/run.sh');
    expect(header('config.yml')).toBe('# config.yml');
    expect(header('lib/x.rb')).toBe('# lib/x.rb');
    expect(header('src/app.ts')).toBe('// src/app.ts');
    expect(header('src/App.TSX')).toBe('// src/App.TSX');
    expect(header('main.go')).toBe('// main.go');
    expect(header('src/lib.rs')).toBe('// src/lib.rs');
    expect(header('include/x.hpp')).toBe('// include/x.hpp');
    expect(header('db/schema.sql')).toBe('-- db/schema.sql');
    expect(header('init.lua')).toBe('-- init.lua');
    expect(header('Main.hs')).toBe('-- Main.hs');
    expect(header('index.html')).toBe('<!-- index.html -->');
    expect(header('README.md')).toBe('<!-- README.md -->');
    expect(header('pom.xml')).toBe('<!-- pom.xml -->');
    expect(header('style.css')).toBe('/* style.css */');
    expect(header('Dockerfile')).toBe('# Dockerfile');
    expect(header('LICENSE')).toBe('# LICENSE');
  });

  it('knows block styles and aliases', () => {
    expect(languageInfo('python').blocks).toBe('indent');
    expect(languageInfo('typescriptreact')).toMatchObject({ id: 'typescript', blocks: 'brace' });
    expect(languageInfo('C++').id).toBe('cpp');
    expect(languageInfo('markdown').blocks).toBe('other');
    expect(languageInfo('no-such-language')).toMatchObject({ id: 'plaintext', blocks: 'other' });
    expect(languageInfo('rust').quotes).not.toContain("'");
  });
});
