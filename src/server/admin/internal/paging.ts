/** Offset paging shared by the console's tables. Pages count from 1; a page past the end shows the last one. */
export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

export function pageWindow(
  total: number,
  requested: number | undefined,
  pageSize: number,
): { page: number; pageCount: number; pageSize: number; skip: number } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const wanted = Number.isSafeInteger(requested) && requested! > 0 ? requested! : 1;
  const page = Math.min(wanted, pageCount);
  return { page, pageCount, pageSize, skip: (page - 1) * pageSize };
}
