// Runs the editor's file format (build_tools/adapter/admin_app/front-matter.js) as the editor
// does: read a file, change some values, write it. Reads JSON cases on stdin, prints results.
// Usage: node tests/cms_format.mjs FOLDER (a copy of front-matter.js with yaml/ beside it)
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const { format } = await import(pathToFileURL(join(process.argv[2], "front-matter.js")).href);
const cases = JSON.parse(readFileSync(0, "utf8"));
const out = cases.map(({ source, path, set = {}, order = [] }) => {
  const data = source === null ? {} : format.fromFile(source, path);
  const read = { ...data };
  delete read.cms_source;
  for (const [key, value] of Object.entries(set)) {
    if (value === null) delete data[key];
    else data[key] = value;
  }
  return { read, written: format.toFile(data, order) };
});
process.stdout.write(JSON.stringify(out));
