/**
 * Provenance for catalog constants. A catalog number is a `Sourced<T>`, not a
 * bare number, so using it without its source is a visible `.value`.
 * Kinds mirror ../shared/reference/figures.md: primary sources need a url or
 * citation; estimates, derived and illustrative values need notes.
 */
export type ProvenanceKind = "datasheet" | "literature" | "industry_report" | "standard" | "derived" | "estimate" | "illustrative";

export interface Provenance {
  kind: ProvenanceKind;
  /** Human-readable citation: paper, datasheet or document. */
  ref: string;
  url?: string;
  /** How the value was obtained or why it is a teaching default. */
  notes?: string;
  /** figures.md status: confirmed, derived, indicative or unconfirmed. */
  status: "confirmed" | "derived" | "indicative" | "unconfirmed";
  /** ISO date the value was last checked. */
  verified: string;
}

export interface Sourced<T = number> {
  readonly value: T;
  readonly unit: string | null;
  readonly provenance: Provenance;
}

/** Wraps a catalog value with its unit and provenance, checking the provenance is complete. */
export function sourced<T>(value: T, unit: string | null, provenance: Provenance): Sourced<T> {
  const needsNotes = provenance.kind === "derived" || provenance.kind === "estimate" || provenance.kind === "illustrative";
  if (needsNotes && !provenance.notes) throw new Error(`sourced: a ${provenance.kind} value needs notes (${provenance.ref})`);
  if (!provenance.ref) throw new Error("sourced: provenance.ref is required");
  return Object.freeze({ value, unit, provenance: Object.freeze({ ...provenance }) });
}
