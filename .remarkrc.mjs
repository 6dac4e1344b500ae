// Front matter of content files, checked against the JSON Schemas in schemas/ (generated
// by `campaign schema`) while editing in VS Code (extension unifiedjs.vscode-remark) and by
// `npm run lint:front-matter`. The schema of each file is chosen by schemas/associations.json.
import { readFileSync } from 'node:fs';
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const { $comment, ...associations } = JSON.parse(
  readFileSync(new URL('./schemas/associations.json', import.meta.url), 'utf8'),
);
const schemas = Object.fromEntries(
  Object.entries(associations).map(([file, patterns]) => [`./schemas/${file}`, patterns]),
);

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, { schemas }]],
};
