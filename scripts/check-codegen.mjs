// Fails the build when src/schema/generated/ no longer matches schema/*.graphql.
// It generates in memory from codegen.yml and compares with the files on disk.
import { readFileSync } from 'node:fs';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const { config } = await loadCodegenConfig({ configFilePath: 'codegen.yml' });
const outputs = await generate({ ...config, silent: true, verbose: false }, false);
const stale = outputs.filter(({ filename, content }) => {
  let onDisk = '';
  try {
    onDisk = readFileSync(filename, 'utf8');
  } catch {
    return true;
  }
  return onDisk.trim() !== content.trim();
});
if (stale.length > 0) {
  for (const { filename } of stale) {
    console.error(`Generated file ${filename} is stale: run "npm run codegen" and commit the result.`);
  }
  process.exit(1);
}
