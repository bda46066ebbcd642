// A Node module hook: the JSON files that @actions/workflow-parser imports (its schemas) are loaded as JSON
// modules. The package is written for bundlers and imports them without `with { type: 'json' }`, which Node
// refuses (ERR_IMPORT_ATTRIBUTE_MISSING).
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { type: 'json' } });
  return nextLoad(url, context);
}
