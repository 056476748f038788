// When a view that shows the clock moves on by itself (the auto-advance setting): once the item
// it saw running within its time runs over. Never the last item: advancing from it would end
// the meeting, which only a person does (the background says it was the last item instead).
// Nor an item that had run over before it was shown, such as one jumped back to: its elapsed
// time counts from its earlier turns, so it would be advanced away the moment it was chosen.
// Nor an item re-timed below what it has run: its time box is saved as it is typed, so "1" on
// the way to "15" would move the meeting on.
import type { ClockView, ItemId } from '../../crdt/index.ts';

export class AutoAdvance {
  #shown: ItemId | null = null;
  #armed = false;
  #plannedMs = Number.NaN;

  /**
   * The item to advance from now, or null. Call it with every fold of the clock, the setting off
   * too: switched on while an item it saw within its time is over, it advances that one.
   */
  due(clock: ClockView, itemCount: number, enabled: boolean): ItemId | null {
    const id = clock.currentItemId;
    if (id !== this.#shown) {
      this.#shown = id;
      this.#armed = false;
      this.#plannedMs = clock.itemPlannedMs;
    }
    const retimed = clock.itemPlannedMs !== this.#plannedMs;
    this.#plannedMs = clock.itemPlannedMs;
    if (id === null || !clock.running) return null;
    if (!clock.itemOverrun) {
      this.#armed = true;
      return null;
    }
    if (retimed) this.#armed = false;
    // An item no longer in the agenda (removed while it ran) is over at once and has no place to
    // advance from; advancing would end the meeting once every other item has run.
    if (!enabled || !this.#armed || clock.currentIndex < 0 || clock.currentIndex + 1 >= itemCount) return null;
    this.#armed = false;
    return id;
  }
}
