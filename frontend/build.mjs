// Copies the front-end packages we serve into samenveilig/static/vendor/ (no CDN, works offline, CSP-friendly).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "samenveilig", "static", "vendor");
const files = {
  "@utrecht/component-library-css/dist/index.css": "nlds/components.css",
  "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css": "nlds/theme.css",
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  // charts of the monitor: Vega-Lite specs made in Python, drawn by vega-embed (loaded on monitor pages only)
  "vega/build/vega.min.js": "vega/vega.min.js",
  "vega-lite/build/vega-lite.min.js": "vega/vega-lite.min.js",
  "vega-embed/build/vega-embed.min.js": "vega/vega-embed.min.js",
  // the monitor's district map
  "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
  "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
  "leaflet/dist/images/marker-icon.png": "leaflet/images/marker-icon.png",
};

rmSync(out, { recursive: true, force: true });
for (const [from, to] of Object.entries(files)) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "node_modules", from), target);
  console.log(`vendor: ${from} -> static/vendor/${to}`);
}

// Vega compiles its expressions with new Function(), which the strict CSP (no 'unsafe-eval') refuses. Its interpreter
// draws the same charts without eval, but ships as an ES module importing vega-util; the vega bundle exports those
// helpers on the global `vega`, so the module is turned into a classic script that adds `vega.expressionInterpreter`.
{
  const source = readFileSync(join(root, "node_modules", "vega-interpreter/build/vega-interpreter.js"), "utf8");
  const importLine = /^import \{([^}]*)\} from 'vega-util';$/m;
  const exportLine = /^export \{ expression as expressionInterpreter \};$/m;
  if (!importLine.test(source) || !exportLine.test(source)) {
    throw new Error("vega-interpreter changed shape: update frontend/build.mjs");
  }
  const script = source
    .replace(importLine, (_, names) => `const {${names}} = window.vega;`)
    .replace(exportLine, "window.vega.expressionInterpreter = expression;")
    .replace(/^\/\/# sourceMappingURL=.*$/m, "");
  const target = join(out, "vega", "vega-interpreter.js");
  writeFileSync(target, `(function () {\n"use strict";\n${script}\n})();\n`);
  console.log("vendor: vega-interpreter/build/vega-interpreter.js -> static/vendor/vega/vega-interpreter.js (classic script)");
}
