/**
 * PredictionLock: a question the student answers once, before the workbench of that
 * part opens. Kernel side of widgets/src/prediction-lock.ts; traits, defaults and rules in
 * the contract (`PREDICTION_LOCK`), answers decided by its answer.ts, messages in `PredictionLockMsg`.
 *
 *   front end ──custom {type: "lock_request", value}──▶ validate by kind
 *     ok, first time → value, locked, locked_at set; ledger "commit"; gated widgets enabled
 *     already locked → rejected; ledger "refused" (the value stays as committed)
 *   gated controls: disabled until commit; each accepted update → ledger "interaction"
 *   gated results:  first reveal → ledger "revealed"
 */
import type { JsonObject } from "../kernel/runtime";
import { sha256Hex } from "../platform/sha256";
import { LockRecord, type LockRecordOptions } from "./lock-record";
import { message } from "./messages";
import { answerProblem, lockRequestProblem } from "../widget-contract/answer";
import { PREDICTION_LOCK } from "../widget-contract/contracts";
import type { PredictionKind, PredictionLockTraits } from "../widget-contract/traits";
import { Widget, WidgetTraitError, type WidgetOptions } from "./widget";

/** Options of `new PredictionLock`. */
export interface PredictionLockOptions {
  part: string;
  prompt: string;
  kind: PredictionKind;
  unit?: string;
  min?: number | null;
  max?: number | null;
  choices?: string[];
  max_length?: number;
}

/** Anything a lock can gate: any widget (the base-class hooks are all it needs). */
export interface Gateable {
  readonly id: string;
  setDisabled(reason: string | null): void;
  onAccepted(callback: (patch: Record<string, unknown>) => void): unknown;
  onRevealed(callback: () => void): unknown;
  readonly hasRevealed: boolean;
}

/** The kernel side of a prediction lock; the kernel writes every trait. */
export class PredictionLock extends Widget<PredictionLockTraits> {
  readonly ledger: LockRecord;
  private readonly clock: () => Date;
  private readonly gated = new Set<Gateable>();
  private partRevealed = false;

  /**
   * @example new PredictionLock({ part: "07.1", prompt: "Does τ_opt rise or fall when N doubles?",
   *   kind: "choice", choices: ["rise", "fall", "stay"] }, { ledger })
   * @throws WidgetTraitError naming the option that breaks its rule
   */
  constructor(options: PredictionLockOptions, lockOptions: { ledger?: LockRecord } & LockRecordOptions & WidgetOptions = {}) {
    const { part, prompt, kind, unit, min, max, choices, max_length } = options;
    super(PREDICTION_LOCK, { part, prompt, kind, unit, min, max, choices, max_length }, lockOptions);
    this.clock = lockOptions.clock ?? (() => new Date());
    this.ledger = lockOptions.ledger ?? new LockRecord({ clock: this.clock });
  }

  /** True once the answer is committed. */
  get isLocked(): boolean {
    return this.get("locked");
  }

  /** The committed answer, or null. */
  get value(): number | string | null {
    return this.get("value");
  }

  /** The mission part this lock belongs to. */
  get part(): string {
    return this.get("part");
  }

  /**
   * Ties workbench widgets to this lock: controls stay disabled until the answer is
   * committed; their accepted updates and the first reveal of results are recorded.
   * Returns this lock, for chaining.
   */
  gates(...widgets: Gateable[]): this {
    for (const widget of widgets) {
      if (this.gated.has(widget)) continue;
      this.gated.add(widget);
      if (!this.isLocked) widget.setDisabled(message.gatedBy(this.part));
      widget.onAccepted((patch: Record<string, unknown>) => {
        for (const [trait, value] of Object.entries(patch)) {
          this.ledger.append({ kind: "interaction", widget_id: widget.id, part: this.part, trait, value: jsonOf(value) });
        }
      });
      const noteReveal = () => {
        if (this.partRevealed) return;
        this.partRevealed = true;
        this.ledger.append({ kind: "revealed", widget_id: widget.id, part: this.part, trait: "", value: null });
      };
      // Gated too late: its results are already on screen, and the record must say so.
      if (widget.hasRevealed) noteReveal();
      widget.onRevealed(noteReveal);
    }
    return this;
  }

  /**
   * Commits an answer from kernel code (the headless runner uses this).
   * @throws WidgetTraitError naming `value` when already locked or the answer is invalid
   */
  commit(value: number | string): void {
    const problem = this.commitProblem(value);
    if (problem) throw new WidgetTraitError(this.label, "value", problem);
    this.lock(value);
  }

  /**
   * Shows a commit that is already in the ledger (a restarted kernel, a reopened notebook):
   * locked with that answer, gated widgets enabled, and no second commit recorded.
   * @throws WidgetTraitError naming `value` when already locked or the answer is invalid here
   */
  restore(value: number | string, lockedAt: string): void {
    if (this.isLocked) throw new WidgetTraitError(this.label, "value", message.lockedAlready(this.part, this.value));
    const broken = answerProblem(this.getState(), value);
    if (broken !== null) throw new WidgetTraitError(this.label, "value", message.invalid("value", broken, value));
    this.setMany({ value, locked: true, locked_at: lockedAt });
    for (const widget of this.gated) widget.setDisabled(null);
  }

  /**
   * Kernel writes after commit are refused like front-end ones, and recorded.
   * @throws WidgetTraitError naming the trait when the lock is committed
   */
  override setMany(patch: Partial<PredictionLockTraits>): void {
    if (this.isLocked) {
      const trait = Object.keys(patch)[0] ?? "value";
      this.ledger.append({ kind: "refused", widget_id: this.id, part: this.part, trait, value: refusedValue((patch as Record<string, unknown>)[trait]) });
      throw new WidgetTraitError(this.label, trait, message.lockedAlready(this.part, this.value));
    }
    super.setMany(patch);
  }

  protected override onCustom(content: unknown): void {
    const msg = content as { type?: unknown; value?: unknown } | null;
    if (!msg || msg.type !== "lock_request") {
      console.error(`[fleetlab] PredictionLock ${this.id}: ignored custom message`);
      return;
    }
    const problem = this.commitProblem(msg.value);
    if (problem) {
      this.reject("value", problem);
      return;
    }
    this.lock(msg.value as number | string);
  }

  protected override describe(): string {
    return `part ${this.part}, ${this.isLocked ? `locked ${JSON.stringify(this.value)}` : "not locked"}`;
  }

  private commitProblem(value: unknown): string | null {
    if (this.isLocked) this.ledger.append({ kind: "refused", widget_id: this.id, part: this.part, trait: "value", value: refusedValue(value) });
    return lockRequestProblem(this.getState(), value);
  }

  private lock(value: number | string): void {
    const locked_at = this.clock().toISOString();
    this.setMany({ value, locked: true, locked_at });
    this.ledger.append({ kind: "commit", widget_id: this.id, part: this.part, trait: "value", value });
    this.sendCustom({ type: "locked", value, locked_at } as JsonObject);
    for (const widget of this.gated) widget.setDisabled(null);
  }
}

/** Longest refused value (as JSON text) the ledger keeps verbatim. */
export const REFUSED_VALUE_MAX_CHARS = 1024;

/**
 * What the ledger keeps of a refused value: the value itself when small, else its size and
 * SHA-256, so repeated oversized requests cannot grow the notebook's metadata without bound.
 */
function refusedValue(value: unknown): import("../kernel/runtime").JsonValue {
  const json = jsonOf(value);
  const text = JSON.stringify(json);
  if (text.length <= REFUSED_VALUE_MAX_CHARS) return json;
  return { omitted: "too long", chars: text.length, sha256: sha256Hex(text) };
}

/** A JSON-safe copy of a value for the ledger (binary and non-finite become null). */
function jsonOf(value: unknown): import("../kernel/runtime").JsonValue {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? null : v))) ?? null;
  } catch {
    return null;
  }
}
