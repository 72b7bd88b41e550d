/**
 * Model catalog: parameter counts and bytes stored per parameter, for weights
 * and checkpoints (figures.md §2, §1.3).
 */
import { checkpointBytes } from "../checkpoint-staging";
import { sourced, type Sourced } from "../provenance";

const VERIFIED = "2026-11-22";

/** Bytes per parameter for weights and checkpoints. */
export const BYTES_PER_PARAMETER = {
  bf16Weights: sourced(2, "B", { kind: "standard", ref: "bfloat16 format", notes: "16-bit weights", status: "confirmed", verified: VERIFIED }),
  adamNoGradients: sourced(14, "B", { kind: "derived", ref: "figures.md §2", notes: "2 (bf16 weights) + 4 (fp32 master) + 4 (momentum) + 4 (variance); gradients are not checkpointed", status: "derived", verified: VERIFIED }),
  zeroMixedPrecision: sourced(16, "B", { kind: "literature", ref: "Rajbhandari et al., ZeRO, SC 2020", url: "https://arxiv.org/abs/1910.02054", notes: "2 + 2 + K = 12", status: "confirmed", verified: VERIFIED }),
} as const;

/** Shape of a dense decoder-only transformer, as in a Hugging Face config.json. */
export interface TransformerConfig {
  layers: number;
  hiddenSize: number;
  intermediateSize: number;
  attentionHeads: number;
  keyValueHeads: number;
  headDim: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
}

/** A model and its size. */
export interface ModelSpec {
  name: string;
  parameters: Sourced;
  config?: Sourced<TransformerConfig>;
}

/** Meta Llama-3-70B (figures.md §2); `satisfies`, so its config is known to be there. */
export const LLAMA3_70B = {
  name: "Meta-Llama-3-70B",
  parameters: sourced(70_553_706_496, null, {
    kind: "derived", ref: "meta-llama/Meta-Llama-3-70B config.json (Hugging Face)", url: "https://huggingface.co/meta-llama/Meta-Llama-3-70B",
    notes: "Counted from the config: 80 × 855,654,400 per layer + 2 × 128,256 × 8,192 untied embeddings + 8,192 final norm", status: "derived", verified: VERIFIED,
  }),
  config: sourced<TransformerConfig>(
    { layers: 80, hiddenSize: 8192, intermediateSize: 28_672, attentionHeads: 64, keyValueHeads: 8, headDim: 128, vocabSize: 128_256, tiedEmbeddings: false },
    null,
    { kind: "datasheet", ref: "meta-llama/Meta-Llama-3-70B config.json", url: "https://huggingface.co/meta-llama/Meta-Llama-3-70B", status: "confirmed", verified: VERIFIED },
  ),
} satisfies ModelSpec;

/** A 175B-parameter model, the size of GPT-3 and OPT-175B (figures.md §1.3, §3). */
export const MODEL_175B: ModelSpec = {
  name: "175B dense transformer (GPT-3 / OPT-175B scale)",
  parameters: sourced(175e9, null, {
    kind: "literature", ref: "Zhang et al., OPT, arXiv:2205.01068 (figures.md §1.3, §3 ring example)", url: "https://arxiv.org/abs/2205.01068",
    notes: "Nominal 175B; the exact count depends on the variant", status: "confirmed", verified: VERIFIED,
  }),
};

const sizeNote = (b: number) => `parameters × ${b} B/param`;

/** Llama-3-70B checkpoint sizes in bytes (figures.md §2 ★). */
export const LLAMA3_70B_SIZES = {
  bf16WeightsBytes: sourced(checkpointBytes({ parameters: LLAMA3_70B.parameters.value, bytesPerParameter: 2 }), "B",
    { kind: "derived", ref: "figures.md §2", notes: `${sizeNote(2)} ≈ 141.1 GB`, status: "derived", verified: VERIFIED }),
  adamNoGradientsBytes: sourced(checkpointBytes({ parameters: LLAMA3_70B.parameters.value, bytesPerParameter: 14 }), "B",
    { kind: "derived", ref: "figures.md §2", notes: `${sizeNote(14)} ≈ 987.8 GB`, status: "derived", verified: VERIFIED }),
  zeroMixedPrecisionBytes: sourced(checkpointBytes({ parameters: LLAMA3_70B.parameters.value, bytesPerParameter: 16 }), "B",
    { kind: "derived", ref: "figures.md §2", notes: `${sizeNote(16)} ≈ 1,128.9 GB`, status: "derived", verified: VERIFIED }),
} as const;

/** fp16 gradient bytes of the 175B model: the S of the ring all-reduce example. */
export const MODEL_175B_GRADIENT_BYTES: Sourced = sourced(MODEL_175B.parameters.value * 2, "B",
  { kind: "derived", ref: "figures.md §3 ring example", notes: "175e9 × 2 B = 350 GB", status: "derived", verified: VERIFIED });

/** Every model in the catalog, by key. */
export const MODELS = { llama3_70b: LLAMA3_70B, model175b: MODEL_175B } as const;
