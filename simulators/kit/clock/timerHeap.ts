/**
 * The virtual clock's timer queue: a binary min-heap ordered by time, then by scheduling order,
 * so inserting and taking the earliest timer cost O(log n) however many timers are pending (a
 * month of resends is hundreds of thousands). Cancelled timers are dropped lazily when they reach
 * the top, and the heap is rebuilt when they outnumber the live ones.
 */

/** What the heap orders: time first, then `seq` (the order of scheduling). */
export interface HeapTimer {
  id: number;
  at: number;
  seq: number;
}

function earlier(a: HeapTimer, b: HeapTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** A min-heap of timers with cancellation by id. */
export class TimerHeap<T extends HeapTimer> {
  private heap: T[] = [];
  private readonly live = new Map<number, T>();

  /** Timers pending (cancelled ones not counted). */
  get size(): number {
    return this.live.size;
  }

  push(timer: T): void {
    this.live.set(timer.id, timer);
    this.heap.push(timer);
    this.up(this.heap.length - 1);
  }

  /** The earliest live timer, left in place. */
  peek(): T | undefined {
    this.dropCancelledTop();
    return this.heap[0];
  }

  /** Takes the earliest live timer out. */
  pop(): T | undefined {
    this.dropCancelledTop();
    const top = this.heap[0];
    if (top) {
      this.removeTop();
      this.live.delete(top.id);
    }
    return top;
  }

  /** Cancels a timer; unknown or already-run ids are ignored. */
  cancel(id: number): void {
    if (!this.live.delete(id)) return;
    if (this.heap.length > 64 && this.live.size < this.heap.length / 2) this.rebuild();
  }

  /** Live timers, earliest first (for inspection; O(n log n)). At most `limit` when given. */
  sorted(limit?: number): T[] {
    const all = [...this.live.values()].sort((a, b) => a.at - b.at || a.seq - b.seq);
    return limit === undefined ? all : all.slice(0, limit);
  }

  clear(): void {
    this.heap = [];
    this.live.clear();
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && !this.live.has(this.heap[0]!.id)) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.down(0);
  }

  private rebuild(): void {
    this.heap = [...this.live.values()];
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  private up(index: number): void {
    const heap = this.heap;
    const item = heap[index]!;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!earlier(item, heap[parent]!)) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = item;
  }

  private down(index: number): void {
    const heap = this.heap;
    const n = heap.length;
    const item = heap[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && earlier(heap[right]!, heap[left]!) ? right : left;
      if (!earlier(heap[child]!, item)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = item;
  }
}
