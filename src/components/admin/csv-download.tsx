"use client";
import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { buttonClass } from "@/components/ui";
import { useHydrated } from "@/components/use-countdown";

/** How long a made URL lives after its click: the download has its Blob by then (some browsers read it a moment later). */
const REVOKE_AFTER_MS = 1000;

/**
 * A link that saves `csv` (made with src/lib/csv.ts) as a file. The file is a
 * Blob made at the click, offered through an object URL that is revoked right
 * after it (and when the component goes): the content is never written into
 * the page as a `data:` URL, and nothing of it stays reachable after the
 * download. It needs JavaScript, so it is shown only with it; without, the
 * table beside it is the copy.
 */
export function CsvDownload({ csv, filename, children }: { csv: string; filename: string; children: ReactNode }) {
  const hydrated = useHydrated();
  const urls = useRef(new Set<string>());

  useEffect(() => {
    const made = urls.current;
    return () => {
      for (const url of made) URL.revokeObjectURL(url);
      made.clear();
    };
  }, []);

  const save = (e: MouseEvent<HTMLAnchorElement>) => {
    // A byte-order mark so that spreadsheets read the file as UTF-8.
    const url = URL.createObjectURL(new Blob(["\ufeff", csv], { type: "text/csv;charset=utf-8" }));
    urls.current.add(url);
    e.currentTarget.href = url; // the click's own navigation (the download) uses it
    setTimeout(() => {
      URL.revokeObjectURL(url);
      urls.current.delete(url);
    }, REVOKE_AFTER_MS);
  };

  if (!hydrated) return null;
  return (
    <a href="#" download={filename} onClick={save} className={buttonClass}>
      {children}
    </a>
  );
}
