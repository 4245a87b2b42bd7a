// What Settings → Kite and Tools → Kite report share: building elements, and loading Kite's
// command code (its WebAssembly: the checker and report builder `npx kite-privacy` runs).

/** An element with attributes (false, null and undefined left out; true as "") and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Kite's core from `url`, started, with its commands loaded; `runCommand` gives [status, out, err]. */
export async function loadCommands(url) {
  const core = await import(url);
  await core.default();
  if (!(await core.loadCommand())) throw new Error("Kite's checker could not load");
  return core;
}
