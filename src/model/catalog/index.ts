/** The sourced catalog: every number carries its unit and provenance (figures.md). */
export type { GpuSpec } from "./gpus";
export { A100_80GB, B200, GPUS, H100_RIDGE_FLOPS_PER_BYTE, H100_SXM } from "./gpus";
export type { LinkSpec } from "./fabrics";
export {
  ETHERNET_100G, ETHERNET_400G, ETHERNET_800G, FABRICS, INFINIBAND_HDR, INFINIBAND_NDR, INFINIBAND_XDR,
  NVLINK3, NVLINK4, NVLINK5, PCIE_GEN5_X16,
} from "./fabrics";
export { MCU_SUPPLY_VOLTS, NONVOLATILE_MEMORY, S3_PUTS_PER_SECOND_PER_PREFIX, STORAGE_TIERS, WRITE_JOULES_PER_BYTE } from "./storage";
export type { ModelSpec, TransformerConfig } from "./models";
export { BYTES_PER_PARAMETER, LLAMA3_70B, LLAMA3_70B_SIZES, MODEL_175B, MODEL_175B_GRADIENT_BYTES, MODELS } from "./models";
export type { RootCause } from "./failures";
export { LLAMA3_405B_RUN, LLAMA3_ROOT_CAUSES, MLSYSIM_MTTF_HOURS, OPT_175B_RUN } from "./failures";
