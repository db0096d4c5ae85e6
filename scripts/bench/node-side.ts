// transformers.js in Node (onnxruntime-node, device 'cpu'): the same model files, read from disk.
import { AutoModelForCausalLM, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer, type Tensor, type TextStreamer } from '@huggingface/transformers';
import type { BenchDtype, PassCostRequest, PassCostResult, RunTiming } from './protocol.ts';
import { measurePassCost } from './pass-cost.ts';
import { TimingStreamer, TokenTimer } from './timing.ts';

export class NodeSide {
  private constructor(
    private readonly model: PreTrainedModel,
    private readonly tokenizer: PreTrainedTokenizer,
    readonly threads: number,
    readonly loadMs: number,
  ) {}

  /**
   * `dir` is the model's resolve/main folder: not a valid Hub id, so transformers.js reads it as
   * a local path and hands the .onnx path straight to onnxruntime-node.
   */
  static async load(dir: string, dtype: BenchDtype, threads: number): Promise<NodeSide> {
    const started = performance.now();
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained(dir);
    const model = await AutoModelForCausalLM.from_pretrained(dir, {
      device: 'cpu',
      dtype,
      // The page's WASM thread count, so the comparison is thread for thread.
      session_options: { intraOpNumThreads: threads },
    });
    return new NodeSide(model, tokenizer, threads, performance.now() - started);
  }

  async generate(prompt: string, maxNewTokens: number): Promise<RunTiming> {
    const now = (): number => performance.now();
    const timer = new TokenTimer(now(), now);
    const inputs = this.tokenizer(prompt, { add_special_tokens: true });
    const streamer = new TimingStreamer(timer);
    await this.model.generate({
      ...inputs,
      max_new_tokens: maxNewTokens,
      do_sample: false,
      streamer: streamer as unknown as TextStreamer,
    });
    const promptTokens = (inputs.input_ids as Tensor).dims.at(-1) ?? 0;
    return timer.result(promptTokens, this.tokenizer.decode(streamer.ids, { skip_special_tokens: true }));
  }

  passCost(request: PassCostRequest): Promise<PassCostResult> {
    return measurePassCost(this.model, request);
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }
}
