// The editor's start: our file format (front-matter.js), the preview, and the backend wrap.
//
// The kinds share campaigns/: the backend is wrapped so that each file read is
// remembered with its path, and reading adds `cms_kind` (the collections' filter),
// `campaign` and `file_slug` (the event's campaign folder and its file name), which
// saving removes again: they are where a file lives, not what it says.
import { parse } from './yaml/index.js';
import { format } from './front-matter.js';

const CMS = window.CMS;
const pathOf = new Map();

function remember(found, path) {
  if (typeof found === 'string' && path) pathOf.set(found, path);
  else if (Array.isArray(found)) found.forEach(f => remember(f));
  else if (found && typeof found.data === 'string' && found.file && found.file.path) {
    pathOf.set(found.data, found.file.path);
  }
  return found;
}

// Front matter with nothing in it and no body.
function blank(raw) {
  return String(raw ?? '').replace(/\s+/g, '') === '------';
}

function wrapBackend(name) {
  const backend = CMS.getBackend(name);
  if (!backend) return;
  const init = backend.init;
  backend.init = (...args) => {
    const impl = init(...args);
    for (const method of ['entriesByFolder', 'allEntriesByFolder', 'entriesByFiles', 'getEntry']) {
      const original = impl[method];
      if (typeof original === 'function') {
        impl[method] = (...a) => Promise.resolve(original.apply(impl, a)).then(r => remember(r));
      }
    }
    // A language the editor left empty is no file: the editor writes one for every
    // configured language, and an empty translation would stand for a real one.
    const persist = impl.persistEntry;
    if (typeof persist === 'function') {
      impl.persistEntry = (entry, options) =>
        persist.call(impl, { ...entry, dataFiles: entry.dataFiles.filter(f => !blank(f.raw)) }, options);
    }
    const dataFile = impl.unpublishedEntryDataFile;
    if (typeof dataFile === 'function') {
      impl.unpublishedEntryDataFile = (collection, slug, path, id) =>
        Promise.resolve(dataFile.call(impl, collection, slug, path, id)).then(r => remember(r, path));
    }
    return impl;
  };
}

// The check warns about a cover without a description; the editor does not let one be saved.
function requireAlt({ entry }) {
  const data = entry.get('data');
  for (const [image, alt] of [['cover', 'cover_alt']]) {
    if (data.get(image) && !String(data.get(alt) || '').trim()) {
      throw new Error('请填写“封面说明”：用文字说明封面图上有什么。');
    }
  }
  return data;
}

function Preview({ entry, widgetFor, document: frame }) {
  const h = window.h;
  const data = entry.get('data');
  if (frame) {  // the preview frame is a document of its own: its language and title, for screen readers
    frame.documentElement.lang = 'zh-CN';
    frame.title = `预览：${data.get('title') || ''}`;
  }
  const when = data.get('start') || data.get('date') || '';
  const venue = data.get('venue');
  const place = venue ? [venue.get('name'), venue.get('city'), venue.get('address')].filter(Boolean).join(' · ') : '';
  return h('div', { className: 'md-container' },
    h('main', { className: 'md-main' },
      h('div', { className: 'md-content' },
        h('article', { className: 'md-content__inner md-typeset', lang: 'zh-CN' },
          h('h1', {}, data.get('title') || ''),
          data.get('summary') ? h('p', {}, h('strong', {}, data.get('summary'))) : null,
          when || place ? h('p', {}, [when, place].filter(Boolean).join(' · ')) : null,
          widgetFor('body')))));
}

async function siteStyles() {
  // The site's own stylesheets, as its home page links them (Material's file name has a hash).
  try {
    const home = new URL('../', location.href);
    const page = new DOMParser().parseFromString(await (await fetch(home)).text(), 'text/html');
    return [...page.querySelectorAll('link[rel~="stylesheet"]')].map(l => new URL(l.getAttribute('href'), home).href)
      .filter(href => new URL(href).origin === location.origin);
  } catch {
    return [];
  }
}

async function start() {
  CMS.registerCustomFormat('campaign-markdown', 'md', {
    fromFile: content => format.fromFile(content, pathOf.get(content)),
    toFile: (data, order) => format.toFile(data, order),
  });
  ['proxy', 'github', 'gitea'].forEach(wrapBackend);
  CMS.registerEventListener({ name: 'preSave', handler: requireAlt });
  for (const href of await siteStyles()) CMS.registerPreviewStyle(href);
  for (const name of ['campaigns', 'events', 'stories', 'news']) CMS.registerPreviewTemplate(name, Preview);
  // Read here rather than by the editor, which needs a YAML content type that not every server sends.
  const config = parse(await (await fetch('config.yml')).text());
  const port = new URLSearchParams(location.search).get('port');
  if (/^[0-9]{2,5}$/.test(port || '')) {
    config.local_backend = { ...config.local_backend, url: `http://${location.hostname}:${port}/api/v1` };
  }
  CMS.init({ config: { ...config, load_config_file: false } });
}

start();
