// A model server for the tests: the fixture models through the engine on onnxruntime-node,
// speaking the documented shapes of vLLM/SGLang (OpenAI /v1), DeepSeek's /beta/completions,
// llama.cpp's /infill and Ollama's /api/generate, with CORS, an optional key and faults chosen
// by model name ("fault-401", "fault-429", "fault-cut", "fault-html", "fault-error").
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GenerateRequest } from '../../src/contract/engine-api.ts';
import type { Family } from '../../src/contract/sets.ts';
import { Engine } from '../../workers/engine/engine.ts';
import { BOS_TEXT } from '../../src/contract/prompts/families.ts';
import { chatAsk, fimAsk, sampling, type Asked } from './prompts.ts';

export interface ModelServerOptions {
  /** Where the engine loads the models from (a mirror of the Hub layout). */
  modelsHost: string;
  /** Served name -> fixture id and prompt family. */
  models: Record<string, { id: string; family: Family }>;
  port?: number;
  /** Origins allowed by CORS; '*' for any; none: no CORS headers (a browser refuses). */
  allowedOrigins?: string[];
  apiKey?: string;
  /** Only vLLM's routes (OpenAI /v1), and `suffix` refused as vLLM refuses it. */
  vllm?: boolean;
  /** List the fault models in /v1/models too, so a client loads them as it loads any model. */
  listFaults?: boolean;
}

export const FAULTS = ['fault-401', 'fault-429', 'fault-cut', 'fault-html', 'fault-error'] as const;

type Obj = Record<string, unknown>;
type Shape = 'chat' | 'completion' | 'infill' | 'ollama';

async function readJson(req: IncomingMessage): Promise<Obj> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Obj;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

const openAiError = (message: string, code: number) => ({ error: { message, type: 'BadRequestError', param: null, code } });

export async function startModelServer(o: ModelServerOptions): Promise<{ url: string; close: () => Promise<void>; requests: string[]; prompts: string[]; aborted: string[] }> {
  const engines = new Map<string, Promise<Engine>>();
  const requests: string[] = [];
  /** The prompts given to the engine, for tests to check what each shape became. */
  const prompts: string[] = [];
  /** Requests the client closed before the answer ended (Stop, a keystroke). */
  const aborted: string[] = [];
  const engineFor = (name: string): Promise<Engine> => {
    let e = engines.get(name);
    if (!e) {
      const m = o.models[name];
      e = (async () => {
        const engine = new Engine({ skipWarmup: true });
        await engine.load({ id: m.id, host: o.modelsHost, dtype: 'fp32' });
        return engine;
      })();
      engines.set(name, e);
    }
    return e;
  };

  const cors = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    const allowed = o.allowedOrigins ?? [];
    if (!origin || !(allowed.includes('*') || allowed.includes(origin))) return {};
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Access-Control-Expose-Headers': 'Retry-After', Vary: 'Origin' };
  };

  async function generate(res: ServerResponse, shape: Shape, name: string, asked: Asked, body: Obj, h: Record<string, string>, onClose: (stop: () => void) => void): Promise<void> {
    const s = sampling(body);
    const fault = name.startsWith('fault-') ? name.slice(6) : null;
    const m = o.models[name] ?? (fault ? Object.values(o.models)[0] : undefined);
    if (!m) return sendJson(res, 404, openAiError(`The model \`${name}\` does not exist.`, 404), h);
    if (fault === '401') return sendJson(res, 401, openAiError('Invalid API key', 401), h);
    if (fault === '429') return sendJson(res, 429, openAiError('Rate limit reached', 429), { ...h, 'Retry-After': '7' });
    if (fault === 'html') return void res.writeHead(200, { ...h, 'Content-Type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
    const engine = await engineFor(fault ? Object.keys(o.models)[0] : name);
    const ndjson = shape === 'ollama';
    res.writeHead(200, { ...h, 'Content-Type': ndjson ? 'application/x-ndjson' : 'text/event-stream', 'Cache-Control': 'no-cache' });
    const write = (data: unknown): void => void res.write(ndjson ? `${JSON.stringify(data)}\n` : `data: ${JSON.stringify(data)}\n\n`);
    const piece = (text: string): unknown =>
      shape === 'chat' ? { object: 'chat.completion.chunk', model: name, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }
      : shape === 'completion' ? { object: 'text_completion', model: name, choices: [{ index: 0, text, finish_reason: null }] }
      : shape === 'infill' ? { content: text, stop: false }
      : { model: name, response: text, done: false };
    let sent = 0;
    prompts.push((asked.addSpecialTokens ? BOS_TEXT : '') + asked.prompt);
    onClose(() => void engine.interrupt('default'));
    const request: GenerateRequest = { prompt: asked.prompt, addSpecialTokens: asked.addSpecialTokens, maxNewTokens: s.maxNewTokens, temperature: s.temperature, stop: [...asked.stop, ...s.stop], mode: 'queue', drafts: false };
    const result = await engine.generate(request, (c) => {
      if (!c.delta) return;
      write(piece(c.delta));
      if (++sent === 2 && fault === 'cut') res.socket?.destroy();
      if (sent === 2 && fault === 'error') write({ error: { message: 'CUDA out of memory', type: 'InternalServerError', code: 500 } });
    });
    if (res.destroyed) return;
    const finish = result.stopReason === 'max-tokens' ? 'length' : 'stop';
    const usage = { prompt_tokens: result.stats.promptTokens, completion_tokens: result.stats.generatedTokens, total_tokens: result.stats.promptTokens + result.stats.generatedTokens };
    if (shape === 'infill') write({ content: '', stop: true, stop_type: finish === 'length' ? 'limit' : 'eos', tokens_evaluated: usage.prompt_tokens, tokens_predicted: usage.completion_tokens });
    else if (shape === 'ollama') write({ model: name, response: '', done: true, done_reason: finish, prompt_eval_count: usage.prompt_tokens, eval_count: usage.completion_tokens });
    else {
      write(shape === 'chat' ? { choices: [{ index: 0, delta: {}, finish_reason: finish }] } : { choices: [{ index: 0, text: '', finish_reason: finish }] });
      if ((body.stream_options as Obj | undefined)?.include_usage) write({ choices: [], usage });
      res.write('data: [DONE]\n\n');
    }
    res.end();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const h = cors(req);
    const path = (req.url ?? '/').split('?')[0];
    requests.push(`${req.method} ${path}`);
    if (req.method === 'OPTIONS') return void res.writeHead(204, h).end();
    if (o.apiKey && req.headers.authorization !== `Bearer ${o.apiKey}`) return sendJson(res, 401, openAiError('Invalid API key', 401), h);
    if (req.method === 'GET' && path === '/v1/models') return sendJson(res, 200, { object: 'list', data: [...Object.keys(o.models), ...(o.listFaults ? FAULTS : [])].map((id) => ({ id, object: 'model', owned_by: 'seekpad-test' })) }, h);
    if (req.method !== 'POST') return sendJson(res, 404, openAiError(`no route ${path}`, 404), h);
    const body = await readJson(req);
    const name = String(body.model ?? Object.keys(o.models)[0]);
    const family = (o.models[name] ?? Object.values(o.models)[0]).family;
    const onClose = (stop: () => void): void =>
      void res.on('close', () => {
        if (res.writableEnded) return;
        aborted.push(`${req.method} ${path}`);
        stop();
      });
    if (path === '/v1/chat/completions') return generate(res, 'chat', name, chatAsk(family, body), body, h, onClose);
    if (path === '/v1/completions') {
      if (body.suffix !== undefined && o.vllm) return sendJson(res, 400, openAiError('suffix is not currently supported', 400), h);
      const asked = body.suffix !== undefined ? fimAsk(family, String(body.prompt ?? ''), String(body.suffix), []) : { prompt: String(body.prompt ?? ''), addSpecialTokens: true, stop: [] };
      return generate(res, 'completion', name, asked, body, h, onClose);
    }
    if (o.vllm) return sendJson(res, 404, { detail: 'Not Found' }, h);
    if (path === '/beta/completions') return generate(res, 'completion', name, fimAsk(family, String(body.prompt ?? ''), String(body.suffix ?? ''), []), body, h, onClose);
    if (path === '/infill') {
      const extra = Array.isArray(body.input_extra) ? (body.input_extra as { filename: string; text: string }[]).map((f) => ({ path: f.filename, text: f.text })) : [];
      return generate(res, 'infill', name, fimAsk(family, String(body.input_prefix ?? ''), String(body.input_suffix ?? ''), extra), body, h, onClose);
    }
    // Raw or not, the tokenizer adds BOS, as llama.cpp (under Ollama) does for DeepSeek models.
    if (path === '/api/generate') return generate(res, 'ollama', name, { prompt: String(body.prompt ?? ''), addSpecialTokens: true, stop: [] }, body, h, onClose);
    return sendJson(res, 404, openAiError(`no route ${path}`, 404), h);
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, openAiError(err instanceof Error ? err.message : String(err), 500));
      else res.end();
    });
  });
  await new Promise<void>((r) => server.listen(o.port ?? 0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    prompts,
    aborted,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      for (const e of engines.values()) await (await e).dispose();
    },
  };
}
