/** npm puts node_modules/.bin first on PATH, so scripts run on the `node` devDependency (Node 24). */
export function assertNode24(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 24) {
    console.error(
      `Brobygger runs on Node 24 (found ${process.versions.node}). Run it through npm (npm start, npm test), ` +
        'which uses the node@24 devDependency; if node_modules/.bin/node is missing, npm ci skipped install ' +
        'scripts: run `npm ci --strict-allow-scripts` again.',
    );
    process.exit(1);
  }
}
