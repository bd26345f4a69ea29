/** Append-only Int32 list that grows by doubling: builds the index's flat arrays without boxed numbers. */
export class IntBuffer {
  private data: Int32Array;
  private used = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.used;
  }

  push(v: number): void {
    if (this.used === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.used++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  /** A right-sized copy, so the spare capacity can be collected. */
  toArray(): Int32Array {
    return this.data.slice(0, this.used);
  }
}
