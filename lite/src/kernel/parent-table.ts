/**
 * Which Jupyter message each worker request came from, for parenting what the worker emits.
 *
 * Emits may trail their request's reply (a widget recomputes after a slider's comm_msg was
 * answered), so entries outlive the reply; the oldest are dropped past `capacity`, since a
 * student dragging a slider sends a request per step for as long as the page is open.
 */
export class ParentTable<T> {
  constructor(private readonly capacity = 512) {}

  set(id: number, parent: T): void {
    this._parents.set(id, parent);
    if (this._parents.size > this.capacity) this._parents.delete(this._parents.keys().next().value as number);
  }

  get(id: number): T | undefined {
    return this._parents.get(id);
  }

  private readonly _parents = new Map<number, T>();
}
