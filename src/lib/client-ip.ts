import { isIP } from "node:net";

/**
 * The client's IP address (SECURITY.md "Web"): the socket's remote address,
 * or, behind TRUST_PROXY = N trusted proxies, the N-th X-Forwarded-For entry
 * from the right. Only the HTTP server (src/runtime/http-server.ts) calls
 * resolveClientIp; everything below it reads the one value it sets.
 * Pure, no server-only import: the server script loads it outside Next.
 */
export const UNKNOWN_IP = "unknown";

/**
 * One spelling per address: IPv4 dotted, IPv6 canonical (RFC 5952, lower
 * case, zeros compressed), IPv4-mapped IPv6 as plain IPv4; brackets, a zone
 * id or a port (`1.2.3.4:5678`, `[::1]:443`) are dropped. Null when `raw` is
 * not an address.
 */
export function normalizeIp(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (s.length === 0 || s.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%[\w.-]+$/, "");
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return null;
  const canonical = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (mapped) {
    const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return canonical;
}

export interface ClientIpSource {
  /** The TCP peer (req.socket.remoteAddress). */
  remoteAddress: string | undefined;
  /** Every X-Forwarded-For header line as received, in order. */
  forwardedFor: string | string[] | undefined;
  /** Number of trusted proxy hops in front of this server (TRUST_PROXY). */
  trustProxy: number;
}

/**
 * With 0 trusted hops the socket decides and forwarded headers are ignored.
 * With N, the N-th entry from the right (the address the outermost trusted
 * proxy saw); with fewer entries than N, the left-most one. An entry that is
 * not an address (a misconfigured proxy) falls back to the socket.
 */
export function resolveClientIp({ remoteAddress, forwardedFor, trustProxy }: ClientIpSource): string {
  const socket = normalizeIp(remoteAddress) ?? UNKNOWN_IP;
  if (trustProxy <= 0 || !forwardedFor) return socket;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  const chosen = entries[Math.max(0, entries.length - trustProxy)];
  return normalizeIp(chosen) ?? socket;
}

/**
 * The key per-IP limits count under: an IPv4 address, or the /64 network of
 * an IPv6 address (one subscriber usually holds a whole /64, so counting
 * single IPv6 addresses would let one client rotate through 2^64 keys).
 */
export function ipLimitKey(ip: string): string {
  const normalized = normalizeIp(ip);
  if (!normalized) return UNKNOWN_IP;
  if (isIP(normalized) === 4) return normalized;
  return `${expandIpv6(normalized).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of a canonical IPv6 address (normalizeIp leaves no dotted IPv4 tail). */
function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.includes("::") ? ip.split("::") : [ip, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right];
}
