/** Types of survivors.js, which runs as plain Node after Stryker. */
export interface Justification { file: string; mutator: string; original: string; replacement: string; reason: string }
export interface Survivor { where: string; mutator: string; noCoverage: boolean; original: string; replacement: string }
export interface FileScore { file: string; detected: number; undetected: number; score: number }
export interface Summary {
  files: FileScore[];
  detected: number;
  undetected: number;
  score: number;
  explained: (Survivor & { reason: string })[];
  unexplained: Survivor[];
  stale: Justification[];
  /** Model files absent from the report, holding another text there, or with only some mutants tested. */
  unmeasured: string[];
  outdated: string[];
  partial: string[];
}
/** A Stryker (mutation-testing-report-schema) report: what the summary reads of it. */
export interface MutationReport {
  files: Record<string, { source: string; mutants: { mutatorName: string; replacement: string; status: string; location: { start: { line: number; column: number }; end: { line: number; column: number } } }[] }>;
}
/** A model source file as it is now: its text and the number of mutants Stryker makes of it. */
export interface ModelFile { file: string; source: string; mutants: number }
export function summarize(report: MutationReport, justified: Justification[], exists?: (file: string) => boolean, modelFiles?: ModelFile[]): Summary;
/** Whether a TypeScript source holds anything to mutate (not only imports, re-exports and types). */
export function hasCode(source: string): boolean;
