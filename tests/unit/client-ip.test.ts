import { describe, expect, it } from "vitest";
import { ipLimitKey, normalizeIp, resolveClientIp } from "@/lib/client-ip";

describe("normalizeIp: one spelling per address", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:CB00:7107", "203.0.113.7"],
    ["0:0:0:0:0:ffff:cb00:7107", "203.0.113.7"],
    ["::1", "::1"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["[::1]", "::1"],
    ["[::1]:443", "::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:db8::0001", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
  ])("%s → %s", (raw, expected) => expect(normalizeIp(raw)).toBe(expected));

  it.each(["", "unknown", "evil.example", "1.2.3", "256.1.1.1", "1.2.3.4, 5.6.7.8", "x".repeat(80), "::ffff:", "<script>"])(
    "%j is not an address",
    (raw) => {
      expect(normalizeIp(raw)).toBeNull();
    },
  );
});

describe("resolveClientIp (TRUST_PROXY)", () => {
  const socket = "::ffff:198.51.100.9";
  it("with 0 trusted hops, the socket decides and X-Forwarded-For is ignored", () => {
    expect(resolveClientIp({ remoteAddress: socket, forwardedFor: "10.9.1.1", trustProxy: 0 })).toBe("198.51.100.9");
    expect(resolveClientIp({ remoteAddress: socket, forwardedFor: ["10.9.1.1", "10.9.2.1"], trustProxy: 0 })).toBe("198.51.100.9");
    expect(resolveClientIp({ remoteAddress: socket, forwardedFor: undefined, trustProxy: 0 })).toBe("198.51.100.9");
  });

  it("with 1, the right-most entry (added by the proxy); what the client put before it is ignored", () => {
    expect(resolveClientIp({ remoteAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.7", trustProxy: 1 })).toBe("203.0.113.7");
    expect(resolveClientIp({ remoteAddress: "10.0.0.2", forwardedFor: ["6.6.6.6", "203.0.113.7"], trustProxy: 1 })).toBe("203.0.113.7");
  });

  it("with 2, the second from the right; fewer entries than hops take the left-most", () => {
    expect(resolveClientIp({ remoteAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 203.0.113.7, 10.0.0.1", trustProxy: 2 })).toBe(
      "203.0.113.7",
    );
    expect(resolveClientIp({ remoteAddress: "10.0.0.2", forwardedFor: "203.0.113.7", trustProxy: 2 })).toBe("203.0.113.7");
  });

  it("an entry that is not an address, or no header at all, falls back to the socket", () => {
    expect(resolveClientIp({ remoteAddress: "10.0.0.2", forwardedFor: "garbage", trustProxy: 1 })).toBe("10.0.0.2");
    expect(resolveClientIp({ remoteAddress: "10.0.0.2", forwardedFor: undefined, trustProxy: 1 })).toBe("10.0.0.2");
    expect(resolveClientIp({ remoteAddress: "10.0.0.2", forwardedFor: " , ", trustProxy: 1 })).toBe("10.0.0.2");
    expect(resolveClientIp({ remoteAddress: undefined, forwardedFor: undefined, trustProxy: 0 })).toBe("unknown");
  });
});

describe("ipLimitKey: the key per-IP limits count under", () => {
  it("is the address for IPv4, however it was written", () => {
    expect(ipLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipLimitKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipLimitKey("::ffff:cb00:7107")).toBe("203.0.113.7");
  });

  it("is the /64 for IPv6, so one subscriber cannot rotate through its addresses", () => {
    const a = ipLimitKey("2001:db8:1:2:aaaa::1");
    expect(a).toBe("2001:db8:1:2::/64");
    expect(ipLimitKey("2001:0DB8:0001:0002:ffff:ffff:ffff:fffe")).toBe(a);
    expect(ipLimitKey("2001:db8:1:3::1")).not.toBe(a);
    expect(ipLimitKey("::1")).toBe("0:0:0:0::/64");
    expect(ipLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });

  it("anything else is one shared 'unknown' key", () => {
    expect(ipLimitKey("unknown")).toBe("unknown");
  });
});
