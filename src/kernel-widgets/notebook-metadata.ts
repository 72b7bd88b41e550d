/**
 * The two notebook-metadata entries FleetLab writes: the standard widget state
 * (`metadata.widgets[application/vnd.jupyter.widget-state+json]`) and the lock
 * ledger (`metadata.fleetlab.ledger`).
 */
import type { LockRecord, LockRecordJson } from "./lock-record";
import { FLEETLAB_METADATA_KEY, type SavedWidgetState, WIDGET_STATE_MIME } from "../widget-contract/traits";
import { widgetState } from "./widget-state";

/** Metadata to merge into a notebook's top-level `metadata`. */
export interface NotebookWidgetMetadata {
  widgets: { [WIDGET_STATE_MIME]: SavedWidgetState };
  [FLEETLAB_METADATA_KEY]: { ledger: LockRecordJson };
}

/** The widget state of every live widget plus the ledger record. */
export function notebookMetadata(ledger: LockRecord): NotebookWidgetMetadata {
  return {
    widgets: { [WIDGET_STATE_MIME]: widgetState() },
    [FLEETLAB_METADATA_KEY]: { ledger: ledger.toJSON() },
  };
}
