// Reading and writing content files for the editor (no browser needed: tests run it in Node).
//
// Nothing lost: a saved file is the original text with only the edited values replaced
// (the front matter is patched at the source positions the `yaml` parser reports), so
// comments, key order, quoting, fields the editor does not show and an untouched body
// stay byte for byte. New files are written in the order of the configured fields.
// Limits: a list or a flow mapping that was edited is written again whole (its inner
// comments go), a new field is added after the last one, and a file without front matter
// is written as a new file.
import { Document, parseDocument, stringify, isMap, isScalar } from './yaml/index.js';

export const HELPERS = ['cms_kind', 'cms_source', 'campaign', 'file_slug'];
const KINDS = { events: 'event', stories: 'story', news: 'article' };
// YAML 1.1 rules for writing: a value that 1.1 would misread (yes, 10:30) is quoted, as the check asks.
const WRITE = { version: '1.1', lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false };

export function placeOf(path) {
  const item = /([^/]+)\/(events|stories|news)\/([^/.]+)(?:\.[A-Za-z_-]+)?\.md$/.exec(path);
  if (item) return { cms_kind: KINDS[item[2]], campaign: item[1], file_slug: item[3] };
  const campaign = /([^/]+)\/index(?:\.[A-Za-z_-]+)?\.md$/.exec(path);
  if (campaign) return { cms_kind: 'campaign', file_slug: campaign[1] };
  return { cms_kind: 'other' };
}

function split(text) {
  const m = /^(---[ \t]*\r?\n)([\s\S]*?\r?\n)?(---[ \t]*(?:\r?\n|$))/.exec(text);
  if (!m) return null;
  return { open: m[1], front: m[2] || '', close: m[3], body: text.slice(m[0].length) };
}

function isPlain(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isEmpty(v) {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlain(v)) return Object.values(v).every(isEmpty);
  return false;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function scalarText(value) {
  if (typeof value === 'string' && /[\n\r]/.test(value)) return JSON.stringify(value);
  return stringify(value, WRITE).replace(/\n+$/, '');
}

function pairText(key, value, indent, flow = false) {
  // A list written [a, b] stays on its line; inner values stay in block style.
  const doc = new Document({ [key]: value }, WRITE);
  if (flow && doc.contents.items[0].value) doc.contents.items[0].value.flow = true;
  const text = doc.toString(WRITE).replace(/\n+$/, '');
  return text.split('\n').map((line, i) => (i === 0 ? line : indent + line)).join('\n');
}

function lineStart(text, offset) {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text, offset) {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end + 1;
}

// Edits (start, end, text) that turn the map `node` (whose values were `before`) into `after`.
function patchMap(text, node, before, after, edits, order) {
  const pairs = new Map(node.items.map(p => [isScalar(p.key) ? String(p.key.value) : null, p]));
  const added = [];
  const keys = [...new Set([...order.filter(k => k in after), ...Object.keys(after)])];
  for (const key of keys) {
    const value = after[key];
    const pair = pairs.get(key);
    if (!pair || !(key in before)) {
      if (!isEmpty(value)) added.push(key);
      continue;
    }
    if (same(before[key], value)) continue;
    const start = lineStart(text, pair.key.range[0]);
    const indent = text.slice(start, pair.key.range[0]);
    if (isEmpty(value)) {
      edits.push([start, lineEnd(text, pair.value ? pair.value.range[1] - 1 : pair.key.range[1]), '']);
    } else if (isScalar(pair.value) && !isPlain(value) && !Array.isArray(value)) {
      edits.push([pair.value.range[0], pair.value.range[1], scalarText(value)]);
    } else if (isMap(pair.value) && !pair.value.flow && isPlain(value) && isPlain(before[key])) {
      patchMap(text, pair.value, before[key], value, edits, []);
    } else {
      const end = lineEnd(text, pair.value ? pair.value.range[1] - 1 : pair.key.range[1]);
      edits.push([pair.key.range[0], end, pairText(key, value, indent, Boolean(pair.value && pair.value.flow)) + '\n']);
    }
  }
  if (added.length) {
    const last = node.items[node.items.length - 1];
    const at = last ? lineEnd(text, (last.value || last.key).range[1] - 1) : text.length;
    const indent = last ? text.slice(lineStart(text, last.key.range[0]), last.key.range[0]) : '';
    const lines = added.map(k => indent + pairText(k, after[k], indent) + '\n').join('');
    edits.push([at, at, (at > 0 && text[at - 1] !== '\n' ? '\n' : '') + lines]);
  }
}

function patchFront(front, after, order) {
  const doc = parseDocument(front);
  if (doc.errors.length || !(isMap(doc.contents) || doc.contents === null)) return null;
  if (doc.contents === null) return freshFront(after, order);
  const edits = [];
  patchMap(front, doc.contents, doc.toJS() || {}, after, edits, order);
  edits.sort((a, b) => b[0] - a[0]);
  let out = front;
  for (const [start, end, text] of edits) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

function prune(value) {
  if (Array.isArray(value)) return value.map(prune).filter(v => !isEmpty(v));
  if (isPlain(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) if (!isEmpty(v)) out[k] = prune(v);
    return out;
  }
  return value;
}

function freshFront(data, order) {
  const sorted = {};
  for (const key of [...order, ...Object.keys(data)]) {
    if (key in data && !(key in sorted) && !isEmpty(data[key])) sorted[key] = prune(data[key]);
  }
  return Object.keys(sorted).length ? stringify(sorted, WRITE) : '';
}

export const format = {
  fromFile(content, path) {
    const parts = split(content);
    const data = parts ? parseDocument(parts.front).toJS() || {} : {};
    return {
      ...(isPlain(data) ? data : {}),
      body: parts ? parts.body : content,
      ...(path ? placeOf(path) : {}),
      cms_source: content,
    };
  },
  toFile(data, order = []) {
    const after = { ...data };
    const source = after.cms_source;
    let body = after.body == null ? '' : String(after.body);
    for (const key of [...HELPERS, 'body']) delete after[key];
    const fields = (order || []).filter(k => !HELPERS.includes(k) && k !== 'body');
    const parts = typeof source === 'string' ? split(source) : null;
    if (parts) {
      const front = patchFront(parts.front, after, fields);
      if (front !== null) {
        if (body.trim() === parts.body.trim()) body = parts.body;
        return parts.open + front + parts.close + body;
      }
    }
    return '---\n' + freshFront(after, fields) + '---\n\n' + body.replace(/^\n+/, '');
  },
};

