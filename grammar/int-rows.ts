/**
 * A table of rows of a fixed number of integers, in one typed array that grows as rows are
 * added: the lexer's pieces and statement lines and the model's source spans, of which a large
 * file has hundreds of thousands, then cost no object each.
 */
export class IntRows {
  protected data: Int32Array;
  /** Number of rows. */
  length = 0;

  constructor(
    protected readonly width: number,
    initialRows: number,
  ) {
    this.data = new Int32Array(width * initialRows);
  }

  /** Adds a row; returns the index in `data` of its first integer. */
  protected addRow(): number {
    const at = this.length * this.width;
    if (at + this.width > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.length++;
    return at;
  }
}
