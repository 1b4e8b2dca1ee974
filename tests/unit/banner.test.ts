import { afterEach, describe, expect, it, vi } from "vitest";
import { printBanner } from "../../scripts/lib/banner";
import { DEMO } from "../support/demo-accounts";

/** What npm start prints once the app answers (ADR 0006: a local run is reachable from this machine only). */
function printed(opts: Parameters<typeof printBanner>[0]): string {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  printBanner(opts);
  return log.mock.calls.map((c) => c.join(" ")).join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("the start banner", () => {
  it("a local run on 127.0.0.1: the URLs, the outboxes and the demo logons, no warning", () => {
    const out = printed({ url: "http://localhost:3000", profile: "local", host: "127.0.0.1" });
    expect(out).toContain("Postkey is ready on http://localhost:3000");
    expect(out).toContain("http://localhost:3000/dev/sms");
    expect(out).toContain(DEMO.postmaster.email);
    expect(out).not.toContain("WARNING");
  });

  it.each(["0.0.0.0", "::", "192.168.1.20"])(
    "a local run on HOST=%s warns that other machines reach its demo passwords and outboxes",
    (host) => {
      const out = printed({ url: "http://localhost:3000", profile: "local", host });
      expect(out).toContain(`WARNING: HOST=${host} is not a loopback address`);
      expect(out).toMatch(/demo\s+(!!! )?passwords/);
      expect(out).toContain("/dev/sms");
    },
  );

  it("a deployment: the three surfaces, no demo logons, no outbox, no warning for listening everywhere", () => {
    const out = printed({ url: "https://mail.example.com", profile: "deployment", host: undefined });
    expect(out).toContain("https://mail.example.com/console/login");
    expect(out).not.toContain(DEMO.postmaster.email);
    expect(out).not.toContain("/dev/sms");
    expect(out).not.toContain("WARNING");
  });
});
