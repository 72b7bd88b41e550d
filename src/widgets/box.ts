/**
 * Box: a horizontal, vertical or tabbed layout of child widgets, referenced as
 * "IPY_MODEL_<id>" (the ipywidgets reference form, which the widget manager resolves).
 * Kernel half of widgets/src/box.ts; traits in `BoxTraits`.
 */
import { integer, nullable, oneOf, stringList } from "./rules";
import { BOX_WRITABLE, type BoxTraits, MODEL_REF_PREFIX } from "./traits";
import { Widget, type WidgetOptions, type WidgetSpec } from "./widget";

const SPEC: WidgetSpec<BoxTraits> = {
  kind: "box",
  label: "Box",
  rules: {
    arrangement: oneOf(["hbox", "vbox", "tab"]),
    children: (v, s) => stringList<BoxTraits>()(v, s) ??
      ((v as string[]).every((c) => c.startsWith(MODEL_REF_PREFIX)) ? null : `a list of "${MODEL_REF_PREFIX}<id>" references`),
    titles: stringList(),
    selected_index: nullable(integer((s) => ({ min: 0, max: Math.max(0, s.children.length - 1) }))),
  },
  writable: BOX_WRITABLE,
};

/** The "IPY_MODEL_<id>" reference to a widget. */
export function modelRef(widget: { readonly id: string }): string {
  return `${MODEL_REF_PREFIX}${widget.id}`;
}

/** The kernel half of a layout box. */
export class Box extends Widget<BoxTraits> {
  /** @example new Box([slider, plot], { arrangement: "hbox" }) */
  constructor(children: { readonly id: string }[], options: { arrangement?: BoxTraits["arrangement"]; titles?: string[] } = {},
    widgetOptions?: WidgetOptions) {
    const arrangement = options.arrangement ?? "vbox";
    super(SPEC, {
      arrangement, children: children.map(modelRef), titles: options.titles ?? [],
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
