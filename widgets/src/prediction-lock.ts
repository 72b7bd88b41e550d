/**
 * PredictionLock: the student answers a question once, before the workbench opens.
 * Traits (PredictionLockTraits): part, prompt, kind, unit, min, max, choices,
 * max_length, value, locked, locked_at — all written by the kernel only.
 *
 * The draft answer lives in the view. Commit checks it against the same bounds the
 * kernel uses and sends `{ type: "lock_request", value }` (PROTOCOL.md, PredictionLock).
 * Once the kernel sets `locked`, the input is read-only; any attempt to change it
 * sends the request again so the kernel records the refusal, and its `rejected`
 * message is drawn beside the input.
 */
import type { PredictionKind, PredictionLockMsg, PredictionLockTraits } from "../../src/widgets/traits";
import { alreadyLocked, invalidInput } from "./messages";
import { formatValue } from "./scale";
import {
  createNotice, defineWidget, finiteOrNull, h, isBoolean, isString, listen, oneOf, showRefusals, stringArray,
  type OwnTraits, type RenderContext, type TraitCheck,
} from "./widget-base";

/** Default trait values, in trait order. */
export const PREDICTION_LOCK_DEFAULTS: OwnTraits<PredictionLockTraits> = {
  part: "", prompt: "", kind: "number", unit: "", min: null, max: null, choices: [], max_length: 2000,
  value: null, locked: false, locked_at: null,
};

/** Checks applied to kernel state before it reaches the view. */
export const PREDICTION_LOCK_CHECKS: Record<string, TraitCheck> = {
  part: isString,
  prompt: isString,
  kind: oneOf(["number", "choice", "text"]),
  unit: isString,
  min: finiteOrNull,
  max: finiteOrNull,
  choices: stringArray,
  max_length: (v) => (Number.isInteger(v) && (v as number) > 0 ? null : "an integer > 0"),
  value: (v) => (v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) ? null : "a number, a string or null"),
  locked: isBoolean,
  locked_at: (v) => (v === null || typeof v === "string" ? null : "an ISO time or null"),
};

/** The bounds a draft answer must meet. */
export interface AnswerRules {
  kind: PredictionKind;
  min: number | null;
  max: number | null;
  choices: string[];
  max_length: number;
}

/**
 * Parses a draft answer: returns the value to commit, or the requirement it fails.
 * Worked example: kind "number", min 1, max 100: "64" ↦ 64; "" ↦ "a number"; "500" ↦ "<= 100".
 */
export function parseAnswer(raw: string, rules: AnswerRules): { value: number | string } | { problem: string } {
  switch (rules.kind) {
    case "number": {
      const value = raw.trim() === "" ? Number.NaN : Number(raw.trim());
      if (!Number.isFinite(value)) return { problem: "a number" };
      if (rules.min !== null && value < rules.min) return { problem: `>= ${rules.min}` };
      if (rules.max !== null && value > rules.max) return { problem: `<= ${rules.max}` };
      return { value };
    }
    case "choice":
      return rules.choices.includes(raw) ? { value: raw } : { problem: "one of the choices" };
    case "text": {
      const text = raw.trim();
      if (text === "") return { problem: "a non-empty answer" };
      if (text.length > rules.max_length) return { problem: `at most ${rules.max_length} characters` };
      return { value: text };
    }
  }
}

const EDIT_KEYS = /^(.|Backspace|Delete|Enter)$/;

/** Draws the lock into `el`; returns its cleanup. */
export function render({ model, el }: RenderContext<PredictionLockTraits>): () => void {
  const doc = el.ownerDocument;
  const card = h(doc, "div", "fleetlab-lock");
  const prompt = h(doc, "div", "fleetlab-prompt");
  const body = h(doc, "div", "fleetlab-row");
  const commit = h(doc, "button", "fleetlab-commit", "Commit prediction");
  commit.type = "button";
  const status = h(doc, "div", "fleetlab-lock-status");
  status.setAttribute("aria-live", "polite");
  card.append(prompt, body, commit, status);
  el.appendChild(card);
  const notice = createNotice(card);

  let draft = "";
  let pending = false;
  let attemptPending = false;
  let field: HTMLInputElement | HTMLTextAreaElement | null = null;

  const rules = (): AnswerRules => ({
    kind: model.get("kind"), min: model.get("min"), max: model.get("max"),
    choices: model.get("choices"), max_length: model.get("max_length"),
  });
  const send = (content: PredictionLockMsg) => model.send(content);

  // After the lock, an edit attempt goes to the kernel, which refuses and records it.
  const attempt = () => {
    if (!model.get("locked")) return;
    if (attemptPending) return;
    attemptPending = true;
    notice.show(alreadyLocked(model.get("locked_at")));
    const value = model.get("value");
    send({ type: "lock_request", value: value ?? draft });
  };

  const drawInput = () => {
    body.replaceChildren();
    field = null;
    const locked = model.get("locked");
    const shown = locked ? String(model.get("value") ?? "") : draft;
    const kind = model.get("kind");
    if (kind === "choice") {
      const name = `fleetlab-lock-${Math.random().toString(36).slice(2)}`;
      for (const choice of model.get("choices")) {
        const label = h(doc, "label", "");
        const radio = h(doc, "input", "");
        radio.type = "radio";
        radio.name = name;
        radio.value = choice;
        radio.checked = choice === shown;
        radio.disabled = locked;
        radio.addEventListener("change", () => {
          draft = choice;
          notice.clear();
        });
        label.append(radio, doc.createTextNode(` ${choice}`));
        label.addEventListener("click", () => locked && attempt());
        body.appendChild(label);
      }
      return;
    }
    const input = kind === "text" ? h(doc, "textarea", "") : h(doc, "input", "");
    if (input instanceof HTMLInputElement) {
      input.type = "text";
      input.inputMode = "decimal";
    } else {
      input.maxLength = model.get("max_length");
    }
    input.setAttribute("aria-label", model.get("prompt"));
    input.value = shown;
    input.readOnly = locked;
    input.addEventListener("input", () => {
      draft = input.value;
      notice.clear();
    });
    input.addEventListener("keydown", (raw: Event) => {
      const event = raw as KeyboardEvent;
      if (!model.get("locked")) {
        if (event.key === "Enter" && input instanceof HTMLInputElement) onCommit();
        return;
      }
      if (EDIT_KEYS.test(event.key) && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        attempt();
      }
    });
    input.addEventListener("paste", (event) => {
      if (model.get("locked")) {
        event.preventDefault();
        attempt();
      }
    });
    body.appendChild(input);
    if (kind === "number" && model.get("unit")) body.appendChild(h(doc, "span", "fleetlab-unit", model.get("unit")));
    field = input;
  };

  const sync = () => {
    const locked = model.get("locked");
    prompt.textContent = model.get("prompt");
    card.classList.toggle("is-locked", locked);
    commit.hidden = locked;
    commit.disabled = pending;
    if (locked) {
      pending = false;
      const value = model.get("value");
      const shown = typeof value === "number" ? formatValue(value) : String(value);
      status.textContent = `Locked: ${shown}${model.get("unit") && model.get("kind") === "number" ? ` ${model.get("unit")}` : ""}` +
        (model.get("locked_at") ? ` at ${model.get("locked_at")}` : "");
    } else {
      status.textContent = pending ? "Committing…" : "";
    }
  };

  const onCommit = () => {
    if (model.get("locked")) {
      attempt();
      return;
    }
    if (field) draft = field.value;
    const parsed = parseAnswer(draft, rules());
    if ("problem" in parsed) {
      notice.show(invalidInput("prediction", parsed.problem, draft));
      return;
    }
    notice.clear();
    pending = true;
    send({ type: "lock_request", value: parsed.value });
    sync();
  };

  const onCustom = (content: unknown) => {
    const msg = content as { type?: string };
    if (msg?.type === "rejected") {
      pending = false;
      attemptPending = false;
      sync();
    }
  };
  commit.addEventListener("click", onCommit);
  const offDraw = listen(model, ["change:kind", "change:choices", "change:locked", "change:value", "change:max_length", "change:unit"], () => {
    drawInput();
    sync();
  });
  const offSync = listen(model, ["change:prompt", "change:locked_at"], sync);
  // Refusals are drawn by showRefusals; onCustom only ends the pending state.
  const offRefusals = showRefusals(model, notice);
  model.on("msg:custom", onCustom);
  drawInput();
  sync();
  return () => {
    offDraw();
    offSync();
    offRefusals();
    model.off("msg:custom", onCustom);
    commit.removeEventListener("click", onCommit);
    el.replaceChildren();
  };
}

/** The PredictionLock model and view classes. */
export const { Model: PredictionLockModel, View: PredictionLockView } = defineWidget<PredictionLockTraits>({
  kind: "predictionLock", defaults: PREDICTION_LOCK_DEFAULTS, checks: PREDICTION_LOCK_CHECKS, render,
});
