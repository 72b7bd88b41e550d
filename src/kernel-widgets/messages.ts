/**
 * Every user-facing sentence the kernel widgets say, in one place
 * (STYLE.md, "How errors are reported"); tests match against these. The sentences the
 * front end says too (a broken rule, a locked prediction) come from the contract.
 */
import { lockedAlready, mustBe } from "../widget-contract/refusal";

export const message = {
  invalid: mustBe,
  unknownTrait: (trait: string, widget: string) => `${trait} is not a trait of ${widget}`,
  kernelOwned: (trait: string) => `${trait} is set by the kernel only`,
  immutable: (trait: string) => `${trait} is fixed when the widget opens`,
  disabled: (trait: string, reason: string) => `${trait} cannot change: ${reason}`,
  gatedBy: (part: string) => `commit the prediction for part ${part} first`,
  closed: (widget: string) => `${widget} is closed`,
  lockedAlready,
  notLockedYet: (part: string) => `prediction for part ${part} is not locked yet`,
  badPlotControl: (param: string, id: string) =>
    `compute.args.${param} names control ${id}, which is not a live number widget`,
};
