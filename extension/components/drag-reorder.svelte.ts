// Reordering a list by dragging one row's handle onto another row: which row is carried and
// where it would land, for the list to highlight; the drop reports (id, target index) once and
// the list decides what a move means. Shared by the meeting's agenda and the template editor.

export class DragReorder {
  dragId: string | null = $state(null);
  dropIndex: number | null = $state(null);
  readonly #onDrop: (id: string, toIndex: number) => void;
  readonly #accepts: (index: number) => boolean;

  constructor(onDrop: (id: string, toIndex: number) => void, accepts: (index: number) => boolean = () => true) {
    this.#onDrop = onDrop;
    this.#accepts = accepts;
  }

  start(e: DragEvent, id: string): void {
    this.dragId = id;
    e.dataTransfer?.setData('text/plain', id);
  }

  // Only a row that accepts the carried one prevents the default, which is what allows a drop.
  over(e: DragEvent, index: number): void {
    if (this.dragId === null || !this.#accepts(index)) return;
    e.preventDefault();
    this.dropIndex = index;
  }

  drop(e: DragEvent, index: number): void {
    e.preventDefault();
    const id = this.dragId;
    this.end();
    if (id !== null && this.#accepts(index)) this.#onDrop(id, index);
  }

  end(): void {
    this.dragId = null;
    this.dropIndex = null;
  }

  isTarget(index: number, id: string): boolean {
    return this.dropIndex === index && this.dragId !== id;
  }
}
