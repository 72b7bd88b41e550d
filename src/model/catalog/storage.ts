/**
 * Storage catalog: write bandwidths of checkpoint tiers (figures.md §2) and the
 * non-volatile memories of the Tiny track (figures.md §7). Bytes per second,
 * joules per byte. Indicative and unconfirmed values are marked as figures.md does.
 */
import { sourced, type Provenance, type Sourced } from "../provenance";

const VERIFIED = "2026-11-22";

const vendor = (ref: string, url: string, status: Provenance["status"], notes?: string): Provenance =>
  ({ kind: "industry_report", ref, url, status, verified: VERIFIED, ...(notes ? { notes } : {}) });
const derived = (ref: string, notes: string): Provenance => ({ kind: "derived", ref, notes, status: "derived", verified: VERIFIED });
const unconfirmed = (ref: string, notes: string): Provenance => ({ kind: "estimate", ref, notes, status: "unconfirmed", verified: VERIFIED });

/** Checkpoint tiers, write bandwidth per device or system, bytes per second. */
export const STORAGE_TIERS: Readonly<Record<string, Sourced>> = {
  nvmeGen3: sourced(3.5e9, "B/s", vendor("nuvorix.com NVMe glossary; Crucial P3 via velocitymicro.com", "https://www.velocitymicro.com", "confirmed", "PCIe 3.0 x4, ~3.5 GB/s sequential")),
  nvmeGen4: sourced(6.9e9, "B/s", vendor("Samsung 990 Pro via velocitymicro.com", "https://www.velocitymicro.com", "confirmed", "write; 7.45 GB/s read; link ceiling ~8 GB/s")),
  nvmeGen5: sourced(11.8e9, "B/s", vendor("Crucial T700 via velocitymicro.com, digiopedia.com", "https://www.velocitymicro.com", "indicative", "write; 10–12.7 GB/s across drives; link ceiling ~16 GB/s")),
  ddr5ChannelDram: sourced(38.4e9, "B/s", derived("DDR5-4800 data rate", "4,800 MT/s × 8 B per 64-bit channel; theoretical peak")),
  ddr5EightChannelDram: sourced(307.2e9, "B/s", derived("DDR5-4800 data rate", "8 channels × 38.4 GB/s; theoretical peak")),
  tectonicSustained: sourced(2e12, "B/s", { kind: "literature", ref: "Llama 3 paper §3.3.1 (Meta Tectonic)", url: "https://arxiv.org/abs/2407.21783", status: "confirmed", verified: VERIFIED, notes: "240 PB on 7,500 SSD servers; 7 TB/s peak" }),
  tectonicPeak: sourced(7e12, "B/s", { kind: "literature", ref: "Llama 3 paper §3.3.1 (Meta Tectonic)", url: "https://arxiv.org/abs/2407.21783", status: "confirmed", verified: VERIFIED }),
  referencePfs: sourced(1e12, "B/s", unconfirmed("mlsysim reference PFS", "Teaching default; no primary source found")),
  lustre: sourced(400e9, "B/s", unconfirmed("cs249r Lustre example", "Teaching default; no primary source found")),
  s3SingleStream: sourced(100e6, "B/s", unconfirmed("mlsysim single-stream S3 default", "Third parties quote ~85–90 MB/s per connection")),
};

/** S3 request-rate limit per partitioned prefix (PUT/COPY/POST/DELETE per second). */
export const S3_PUTS_PER_SECOND_PER_PREFIX: Sourced = sourced(3500, "1/s", {
  kind: "datasheet", ref: "AWS S3 User Guide, optimizing performance", url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html",
  status: "confirmed", verified: VERIFIED, notes: "5,500 GET/HEAD per second; scale by sharding prefixes",
});

/** The MSP-EXP430FR5739 user's guide (SLAU343), where the flash and FRAM write rates are measured. */
const TI_USERS_GUIDE_URL = "https://www.ti.com/lit/ug/slau343b/slau343b.pdf";
const TI_GUIDE: Provenance = {
  kind: "datasheet", ref: "TI MSP-EXP430FR5739 user's guide; TI E2E blog \"FRAM or flash\" (2017)", url: "https://e2e.ti.com",
  status: "confirmed", verified: VERIFIED,
};

/** Assumed MCU supply voltage for turning TI's currents into energy. */
export const MCU_SUPPLY_VOLTS: Sourced = sourced(3.0, "V", unconfirmed("MSP430 operating range", "Assumed 3.0 V supply for the energy arithmetic; not in figures.md"));

/** Non-volatile memories of the Tiny track (TI MSP430, figures.md §7). */
export const NONVOLATILE_MEMORY = {
  flashWriteBytesPerSecond: sourced(12e3, "B/s", { ...TI_GUIDE, ref: "TI MSP-EXP430FR5739 user's guide (MSP430F2274 flash)", url: TI_USERS_GUIDE_URL, notes: "~12 kB/s measured (14.8 kB/s theoretical) at ~100% duty cycle" }),
  flashWriteAmps: sourced(2.2e-3, "A", { ...TI_GUIDE, ref: "TI MSP-EXP430FR5739 user's guide (MSP430F2274 flash)", notes: "up to 2.2 mA average while logging 12 kB/s" }),
  framWriteBytesPerSecond: sourced(1.4e6, "B/s", { ...TI_GUIDE, url: TI_USERS_GUIDE_URL, notes: "> 1,400 kB/s at 8 MHz (MSP430FR5739)" }),
  framEnergyAdvantage: sourced(250, null, { ...TI_GUIDE, notes: "\"250× less energy than flash at constant speed\"" }),
  flashEnduranceCycles: sourced(1e4, null, { ...TI_GUIDE, ref: "TI SLAA502A, Low-Power FRAM Microcontrollers", notes: ">= 10^4 program/erase cycles" }),
  framEnduranceCycles: sourced(1e14, null, { ...TI_GUIDE, ref: "TI SLAA502A, Low-Power FRAM Microcontrollers", notes: "> 10^14 write cycles" }),
} as const;

const flashJoulesPerByte = (NONVOLATILE_MEMORY.flashWriteAmps.value * MCU_SUPPLY_VOLTS.value) / NONVOLATILE_MEMORY.flashWriteBytesPerSecond.value;

/** Energy per byte written, derived from TI's current and rate at the assumed supply. */
export const WRITE_JOULES_PER_BYTE = {
  flash: sourced(flashJoulesPerByte, "J/B", derived("figures.md §7 (TI)", "2.2 mA × 3.0 V / 12 kB/s = 5.5e-7 J/B")),
  fram: sourced(flashJoulesPerByte / NONVOLATILE_MEMORY.framEnergyAdvantage.value, "J/B", derived("figures.md §7 (TI)", "flash J/B / 250 = 2.2e-9 J/B")),
} as const;
