import type { Express, Request, Response } from "express";
import type { AppLinksConfig } from "../config/runtime";

/** The association files' bodies, built from the configured apps. */
export function appLinkFiles(config: AppLinksConfig) {
  return {
    // Apple: the app handles every /a/* link (verify, reset, undo); the rest of the site stays in the browser.
    appleAppSiteAssociation: {
      applinks: { details: [{ appIDs: config.iosAppIds, components: [{ "/": "/a/*", comment: "Account links from mail" }] }] },
    },
    // Google: the Android app may handle every link of this site it declares in its manifest (/a/*).
    assetLinks: [
      {
        relation: ["delegate_permission/common.handle_all_urls"],
        target: { namespace: "android_app", package_name: config.androidPackage, sha256_cert_fingerprints: config.androidCertSha256 },
      },
    ],
  };
}

/**
 * GET /.well-known/apple-app-site-association and /.well-known/assetlinks.json (Hosting rewrites both to
 * the `api` function; outside /v1 and its contract): the files that let the phone apps open mail links as Universal Links and App
 * Links. Served as JSON without redirects, as both platforms require; 404 when no app is configured.
 */
export function mountAppLinks(app: Express, config: AppLinksConfig | undefined): void {
  const files = config ? appLinkFiles(config) : undefined;
  const send = (pick: (f: NonNullable<typeof files>) => unknown) => (_req: Request, res: Response) => {
    if (!files) {
      res.status(404).json({ error: { code: "not-found", message: "No app is configured" } });
      return;
    }
    res
      .set("Cache-Control", "public, max-age=3600")
      .type("application/json")
      .send(JSON.stringify(pick(files)));
  };
  app.get(
    "/.well-known/apple-app-site-association",
    send((f) => f.appleAppSiteAssociation),
  );
  app.get(
    "/.well-known/assetlinks.json",
    send((f) => f.assetLinks),
  );
}
