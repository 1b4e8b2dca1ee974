import { describe, expect, it } from "vitest";
import { createFormatter } from "use-intl/core";
import { formats, TIME_ZONE } from "@/i18n/formats";
import { isLocale, negotiateLocale, resolveLocale } from "@/lib/locale";

describe("the language of a request", () => {
  it("a first visit follows Accept-Language: highest q first, the header's order among equals", () => {
    expect(negotiateLocale("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
    expect(negotiateLocale("fr-FR,zh;q=0.5,en;q=0.4")).toBe("zh-CN");
    expect(negotiateLocale("en;q=0.2, zh-Hans-CN;q=0.7")).toBe("zh-CN");
    expect(negotiateLocale("zh-TW")).toBe("zh-CN");
    expect(negotiateLocale("de, zh;q=0")).toBe("en");
  });

  it("nothing usable gives English", () => {
    for (const header of [null, undefined, "", "*", "fr, de;q=0.5", ";;;", "zh;q=abc", ",".repeat(5000)]) {
      expect(negotiateLocale(header)).toBe("en");
    }
  });

  it("the cookie wins when it names one of our languages, and is ignored otherwise", () => {
    expect(resolveLocale("zh-CN", "en-US")).toBe("zh-CN");
    expect(resolveLocale("en", "zh-CN")).toBe("en");
    expect(resolveLocale("fr", "zh-CN")).toBe("zh-CN");
    expect(resolveLocale("__proto__", null)).toBe("en");
    expect(isLocale("zh-cn")).toBe(false);
  });
});

describe("dates and numbers are formatted for the language (UTC, zone named)", () => {
  const at = new Date("2026-11-24T21:05:09Z");
  const en = createFormatter({ locale: "en", timeZone: TIME_ZONE, formats });
  const zh = createFormatter({ locale: "zh-CN", timeZone: TIME_ZONE, formats });

  it("a time stamp", () => {
    expect(en.dateTime(at, "stamp")).toBe("Nov 24, 2026, 21:05 UTC");
    expect(zh.dateTime(at, "stamp")).toBe("2026年11月24日 UTC 21:05");
    expect(en.dateTime(at, "precise")).toBe("Nov 24, 2026, 21:05:09 UTC");
    expect(zh.dateTime(at, "precise")).toBe("2026年11月24日 UTC 21:05:09");
  });

  it("a day and a number", () => {
    expect(en.dateTime(at, "day")).toBe("Nov 24, 2026");
    expect(zh.dateTime(at, "day")).toBe("2026年11月24日");
    expect(en.number(100000)).toBe("100,000");
    expect(zh.number(100000)).toBe("100,000");
  });
});
