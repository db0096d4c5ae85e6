// Prints the length of a share link (full URL) holding one file:
//   npx tsx scripts/share-length/main.ts [file.py] [origin]
// Default: sample.py beside this script, a 100-line Python module.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from '../../src/lib/share/codec.ts';
import { defaultShareState } from '../../src/lib/share/state.ts';

const file = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'sample.py');
const origin = process.argv[3] ?? 'https://seekpad.example.org/';
const text = readFileSync(file, 'utf8');
const state = defaultShareState();
state.files = [{ path: path.basename(file), text }];
const hash = await encode(state);
const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
console.log(`${path.basename(file)}: ${lines} lines, ${text.length} characters`);
console.log(`hash: ${hash.length} characters; link with ${origin}: ${origin.length + hash.length} characters`);
