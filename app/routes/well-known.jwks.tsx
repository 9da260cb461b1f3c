import { siteJwks } from "~/.server/auth/oidc";

/**
 * `/.well-known/jwks.json`: the public half of the site's signing key, which the identification
 * service fetches to check the site's private_key_jwt client assertions. Public keys only.
 */
export function loader() {
  return Response.json(siteJwks(), {
    headers: { "Cache-Control": "public, max-age=3600", "Content-Type": "application/jwk-set+json" },
  });
}
