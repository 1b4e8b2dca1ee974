"use client";

// The image captcha: a server-drawn PNG (/captcha sets the challenge cookie)
// and the box for its answer. Each challenge allows one guess, so after a
// failed submit the form passes a new `refreshKey` and we load a new image.
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";

export interface CaptchaFieldProps {
  errors?: string[];
  refreshKey?: string | number;
  /** Where "Refresh" goes without JavaScript: this page again, with a new image. */
  refreshHref: string;
}

const LABEL = "block text-sm font-medium text-slate-700";
const INPUT =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm uppercase tracking-widest focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30";
const REFRESH =
  "shrink-0 whitespace-nowrap rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-700 hover:bg-slate-50 focus:outline-none focus:ring-2 focus:ring-blue-600/30";

export function CaptchaField({ errors, refreshKey, refreshHref }: CaptchaFieldProps) {
  const t = useTranslations("Fields.captcha");
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  // Browsers reuse an image already shown in the same document under the same
  // URL, whatever its Cache-Control says; a client-side navigation back to a
  // form would then show a spent challenge. A per-mount nonce keeps every
  // mount's URL new. After hydration the DOM keeps the server's URL (which is
  // fine: it was new for that page load), hence suppressHydrationWarning.
  const [nonce] = useState(() => Math.random().toString(36).slice(2, 10));
  const [imageVersion, setImageVersion] = useState(0);
  const [value, setValue] = useState("");
  // React's "adjust state when a prop changes" pattern: no effect, no extra render pass.
  const [seenKey, setSeenKey] = useState(refreshKey);
  if (seenKey !== refreshKey) {
    setSeenKey(refreshKey);
    setImageVersion((v) => v + 1);
    setValue("");
  }

  function refresh(e: React.MouseEvent) {
    // With JavaScript only the image changes; without it the link loads the page again (a new image).
    e.preventDefault();
    setImageVersion((v) => v + 1);
    setValue("");
    inputRef.current?.focus();
  }

  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hasErrors = Boolean(errors?.length);
  return (
    <div className="space-y-2">
      <label htmlFor={id} className={LABEL}>
        {t("label")}
      </label>
      <div className="flex items-center gap-3">
        {/* A plain <img>: the PNG is generated per request and must never be optimized or cached. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={`/captcha?r=${nonce}-${imageVersion}`}
          suppressHydrationWarning
          alt={t("alt")}
          width={180}
          height={60}
          className="h-auto w-full min-w-0 max-w-[180px] rounded border border-slate-300 bg-slate-50"
        />
        <a href={refreshHref} onClick={refresh} className={REFRESH}>
          {t("refresh")}
        </a>
      </div>
      <input
        ref={inputRef}
        id={id}
        name="captcha"
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        // 5 characters; 8 leaves room for the end-to-end tests' fixed word.
        maxLength={8}
        required
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={hasErrors || undefined}
        aria-describedby={hasErrors ? `${errorId} ${hintId}` : hintId}
        className={INPUT}
      />
      <p id={hintId} className="text-xs text-slate-600">
        {t("hint")}
      </p>
      {hasErrors ? (
        <p id={errorId} className="text-sm text-red-700" aria-live="polite">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
