/**
 * Holds streamed model text until a sentence or clause is complete, so output checks see
 * whole segments: a banned phrase split across chunks ("kil" + "ler deal") is checked once
 * the segment holding both halves is complete, never released half by half.
 *
 * A boundary is a run of `.`, `!`, `?`, `…`, `;`, `:` or `,` (with closing quotes or brackets)
 * followed by whitespace, or a newline; the segment ends just after that first whitespace
 * character. The whitespace is what makes it a boundary ("3.5" and "e.g.x" are not), so a
 * segment is never released on the punctuation alone. Text with no boundary is held until
 * `flush`: holding back is the safe direction for a governance gate.
 */
const BOUNDARY = /(?:[.!?…;:,]+["'”’)\]]*\s|\n)/g;

export class ClauseBuffer {
  private pending = "";

  /** Adds streamed text; returns the segments it completed, in order (often none). */
  push(text: string): string[] {
    this.pending += text;
    const out: string[] = [];
    let start = 0;
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(this.pending); m; m = BOUNDARY.exec(this.pending)) {
      const end = m.index + m[0].length;
      out.push(this.pending.slice(start, end));
      start = end;
    }
    this.pending = this.pending.slice(start);
    return out;
  }

  /** What is held without a boundary yet; the caller checks it whole at the end of the stream. */
  flush(): string {
    const rest = this.pending;
    this.pending = "";
    return rest;
  }
}

/** Whether `segment` ends on a boundary, as `ClauseBuffer` releases them. */
export function endsOnBoundary(segment: string): boolean {
  return /(?:[.!?…;:,]+["'”’)\]]*\s|\n)$/.test(segment);
}
