// `npm run convert -- <model dir> [--force]`: for self-hosted mirrors, writes the 4-bit WebGPU
// twin of each 8-bit dynamically quantized ONNX file (`onnx/<name>_quantized.onnx` ->
// `onnx/<name>_q4.onnx`) with the converter the app runs in its worker. Prints time and peak
// memory; the last line is JSON.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { convertToQ4 } from '../workers/engine/convert/convert.ts';
import { BlobSource } from '../workers/engine/convert/source.ts';
import { formatBytes } from './fixtures/layout.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
if (positionals.length !== 1) {
  console.error('usage: npm run convert -- <model dir (the folder that holds onnx/)> [--force]');
  process.exit(2);
}
const dir = path.resolve(positionals[0]);
const onnxDir = fs.existsSync(path.join(dir, 'onnx')) ? path.join(dir, 'onnx') : dir;
const sources = fs.existsSync(onnxDir) ? fs.readdirSync(onnxDir).filter((f) => f.endsWith('_quantized.onnx')) : [];
if (!sources.length) {
  console.error(`no onnx/*_quantized.onnx in ${dir}`);
  process.exit(1);
}

let peak = 0;
const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 20);
const results = [];
for (const name of sources) {
  const from = path.join(onnxDir, name);
  const to = path.join(onnxDir, name.replace(/_quantized\.onnx$/, '_q4.onnx'));
  if (fs.existsSync(to) && !values.force) {
    console.log(`${path.basename(to)} exists; --force to write it again`);
    continue;
  }
  const start = performance.now();
  const conversion = await convertToQ4(new BlobSource(await fs.openAsBlob(from)));
  const tmp = `${to}.partial`;
  const fd = fs.openSync(tmp, 'w');
  try {
    for await (const chunk of conversion.chunks) {
      let off = 0;
      while (off < chunk.length) off += fs.writeSync(fd, chunk, off);
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, to);
  const seconds = (performance.now() - start) / 1000;
  sample();
  const { report } = conversion;
  console.log(
    `${name} -> ${path.basename(to)}: ${formatBytes(fs.statSync(from).size)} -> ${formatBytes(conversion.bytes)}, ` +
      `${report.nodes} MatMulInteger nodes (${report.weights} weights) to MatMulNBits, ${report.skipped.length} left, ${seconds.toFixed(1)} s`,
  );
  for (const s of report.skipped) console.log(`  left as it was: ${s.node}: ${s.why}`);
  results.push({ file: name, out: path.basename(to), bytesIn: fs.statSync(from).size, bytesOut: conversion.bytes, nodes: report.nodes, skipped: report.skipped.length, seconds: +seconds.toFixed(2) });
}
clearInterval(timer);
console.log(`peak resident memory ${formatBytes(peak)}`);
console.log(JSON.stringify({ converted: results, peakRssBytes: peak }));
