// campaign-cms.js registers the file format and the preview before the editor starts.
window.CMS_MANUAL_INIT = true;
