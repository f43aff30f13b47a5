import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";

export const MAX_BATCH_ROWS = 5000;

/**
 * Audience rows from a CSV with a header line. A `unit_key` column (if any) becomes the
 * row's unit key for sticky routing; every other column is audience context.
 */
export function parseAudienceCsv(
  csv: string,
): { unitKey: string | null; audience: Record<string, string> }[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      max_record_size: 10_000,
    });
  } catch (err) {
    throw new AppError("validation_failed", `The CSV could not be read: ${(err as Error).message}`, [
      { path: "csv", message: (err as Error).message },
    ]);
  }
  if (records.length === 0)
    throw new AppError("validation_failed", "The CSV has no rows", [{ path: "csv", message: "no rows" }]);
  if (records.length > MAX_BATCH_ROWS) {
    throw new AppError("validation_failed", `A batch holds at most ${MAX_BATCH_ROWS} rows`, [
      { path: "csv", message: `${records.length} rows` },
    ]);
  }
  return records.map(({ unit_key, ...audience }) => ({ unitKey: unit_key || null, audience }));
}
