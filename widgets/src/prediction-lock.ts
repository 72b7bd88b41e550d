/**
 * PredictionLock: the student answers a question once, before the workbench opens.
 * Traits (PredictionLockTraits): part, prompt, kind, unit, min, max, choices,
 * max_length, value, locked, locked_at — all written by the kernel only; defaults and rules
 * in the contract (`PREDICTION_LOCK`).
 *
 * The draft answer lives in the view. Commit reads it with the contract's parseAnswer (the
 * rule the kernel decides by) and sends `{ type: "lock_request", value }` (PROTOCOL.md, PredictionLock).
 * Once the kernel sets `locked`, the input is read-only; any attempt to change it
 * sends the request again so the kernel records the refusal, and its `rejected`
 * message is drawn beside the input.
 */
import { parseAnswer, type AnswerRules } from "../../src/widget-contract/answer";
import { PREDICTION_LOCK } from "../../src/widget-contract/contracts";
import { formatReading } from "../../src/widget-contract/format";
import type { PredictionLockMsg, PredictionLockTraits } from "../../src/widget-contract/traits";
import { alreadyLocked, invalidInput } from "./messages";
import { createNotice, defineWidget, h, listen, showRefusals, type RenderContext } from "./widget-base";

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
      const shown = typeof value === "number" ? formatReading(value, model.get("kind") === "number" ? model.get("unit") : "") : String(value);
      status.textContent = `Locked: ${shown}` + (model.get("locked_at") ? ` at ${model.get("locked_at")}` : "");
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
export const { Model: PredictionLockModel, View: PredictionLockView } = defineWidget<PredictionLockTraits>({ contract: PREDICTION_LOCK, render });
