// Copies the front-end packages we serve into samenveilig/static/vendor/ (no CDN, works offline, CSP-friendly).
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "samenveilig", "static", "vendor");
const files = {
  "@utrecht/component-library-css/dist/index.css": "nlds/components.css",
  "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css": "nlds/theme.css",
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
};

rmSync(out, { recursive: true, force: true });
for (const [from, to] of Object.entries(files)) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "node_modules", from), target);
  console.log(`vendor: ${from} -> static/vendor/${to}`);
}
