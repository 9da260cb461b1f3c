// Stops the browser tests with one clear line when Debian's Chromium is missing.
import fs from "node:fs";
const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(path)) {
  console.error(`Chromium is missing at ${path}: install it with "apt-get install -y chromium" (as root), then run npm test again.`);
  process.exit(1);
}
