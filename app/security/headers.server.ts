import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Headers for every response, static files and downloads included. A route that sets one of
 * them itself replaces it (the HTTP layer sets, never appends), so none is sent twice.
 */
export function baseSecurityHeaders(options: { production: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
  if (options.production) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/**
 * Response headers for every page. Remix's inline scripts carry the per-request nonce;
 * nothing else may run inline. `connectSources` grows when browsers upload to storage directly.
 */
export function securityHeaders(options: {
  nonce: string;
  production: boolean;
  connectSources?: string[];
}): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${options.connectSources?.length ? " " + options.connectSources.join(" ") : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    ...baseSecurityHeaders(options),
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
  };
}
