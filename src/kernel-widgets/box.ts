/**
 * Box: a horizontal, vertical or tabbed layout of child widgets, referenced as
 * "IPY_MODEL_<id>" (the ipywidgets reference form, which the widget manager resolves).
 * Kernel side of widgets/src/box.ts; traits, defaults and rules in the contract (`BOX`).
 */
import { BOX } from "../widget-contract/contracts";
import { type BoxTraits, MODEL_REF_PREFIX } from "../widget-contract/traits";
import { Widget, type WidgetOptions } from "./widget";

/** The "IPY_MODEL_<id>" reference to a widget. */
export function modelRef(widget: { readonly id: string }): string {
  return `${MODEL_REF_PREFIX}${widget.id}`;
}

/** The kernel side of a layout box. */
export class Box extends Widget<BoxTraits> {
  /** @example new Box([slider, plot], { arrangement: "hbox" }) */
  constructor(children: { readonly id: string }[], options: { arrangement?: BoxTraits["arrangement"]; titles?: string[] } = {},
    widgetOptions?: WidgetOptions) {
    const { arrangement = BOX.defaults.arrangement, titles } = options;
    super(BOX, {
      arrangement, children: children.map(modelRef), titles,
      selected_index: arrangement === "tab" && children.length > 0 ? 0 : null,
    }, widgetOptions);
  }

  /** Replaces the children. */
  setChildren(children: { readonly id: string }[]): void {
    const selected = this.get("selected_index");
    this.setMany({
      children: children.map(modelRef),
      selected_index: selected === null || children.length === 0 ? null : Math.min(selected, children.length - 1),
    });
  }

  protected override describe(): string {
    return `${this.get("arrangement")}, ${this.get("children").length} children`;
  }
}

/** A horizontal box. */
export const hbox = (children: { readonly id: string }[]) => new Box(children, { arrangement: "hbox" });
/** A vertical box. */
export const vbox = (children: { readonly id: string }[]) => new Box(children, { arrangement: "vbox" });
/** Tabs, one title per child. */
export const tabs = (children: { readonly id: string }[], titles: string[]) => new Box(children, { arrangement: "tab", titles });
