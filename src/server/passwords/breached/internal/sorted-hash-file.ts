import { open, type FileHandle } from "node:fs/promises";

/**
 * A sorted SHA-1 list on disk, as the Pwned Passwords downloader writes it: `HASH:COUNT` lines, 40 uppercase
 * hex, sorted ascending, LF or CRLF. Searched by bisection with small positional reads, so a list of tens of
 * GB costs a few dozen reads of 128 bytes and one of at most SCAN_BYTES, never the whole file.
 * The shipped list (common-passwords.sha1.txt) is searched by the same code.
 */

/** The longest line: 40 hex, ':', a count of up to 20 digits, CRLF. */
const MAX_LINE = 64;
/** When the bounds are this close, one read and a scan of its lines finish the search. */
const SCAN_BYTES = 4096;
const NEWLINE = 0x0a;
const COLON = 0x3a;

interface OpenList {
  handle: FileHandle;
  size: number;
}

// Each list is opened once per process and kept open (a new file is picked up at the next start).
const g = globalThis as unknown as { postkeyHashLists?: Map<string, Promise<OpenList>> };

function openList(file: string): Promise<OpenList> {
  const lists = (g.postkeyHashLists ??= new Map());
  let list = lists.get(file);
  if (!list) {
    list = open(file, "r").then(async (handle) => ({ handle, size: (await handle.stat()).size }));
    lists.set(file, list);
    list.catch(() => lists.delete(file)); // a failed open is tried again at the next check
  }
  return list;
}

/** The order of the line's hash against the target; a line that is not `HASH:…` means the file is not such a list. */
function compareLine(line: Buffer, target: Buffer): number {
  if (line.length < 42 || line[40] !== COLON) throw new Error("not a sorted SHA-1 list (a line is not HASH:COUNT)");
  return Buffer.compare(line.subarray(0, 40), target);
}

/** The count after the colon (0 for a padding-like entry). */
function countOf(line: Buffer): number {
  const digits = /^\d+/.exec(line.subarray(41, MAX_LINE).toString("latin1"));
  if (!digits) throw new Error("not a sorted SHA-1 list (a count is not a number)");
  return Number(digits[0]);
}

/** How often the list says the hash (40 uppercase hex) was seen: 0 when it is not listed. Throws on I/O errors. */
export async function hashListCount(file: string, sha1: string): Promise<number> {
  const target = Buffer.from(sha1, "latin1");
  const { handle, size } = await openList(file);
  const read = async (position: number, length: number) => {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    return buffer.subarray(0, bytesRead);
  };
  // Every line starting before lo is below the target, every line starting at hi or later above it; lo starts a line.
  let lo = 0;
  let hi = size;
  while (hi - lo > SCAN_BYTES) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const window = await read(mid, 2 * MAX_LINE);
    const newline = window.indexOf(NEWLINE);
    const start = newline < 0 ? size : mid + newline + 1;
    if (start >= hi) {
      hi = mid + 1; // no line starts in (mid, hi)
      continue;
    }
    const line = window.subarray(newline + 1);
    const order = compareLine(line, target);
    if (order === 0) return countOf(line);
    if (order < 0) lo = start;
    else hi = start;
  }
  const block = await read(lo, hi - lo + MAX_LINE);
  for (let at = 0; at < block.length && lo + at < hi;) {
    const end = block.indexOf(NEWLINE, at);
    const line = block.subarray(at, end < 0 ? block.length : end);
    if (line.length > 1 || (line.length === 1 && line[0] !== 0x0d)) {
      const order = compareLine(line, target);
      if (order === 0) return countOf(line);
      if (order > 0) return 0;
    }
    if (end < 0) break;
    at = end + 1;
  }
  return 0;
}
