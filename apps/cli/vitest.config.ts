import { databaseTestConfig } from '../../vitest.shared.ts';

const config = databaseTestConfig();
// Both suites run the built CLI (cli.test.ts) or build and pack @outlay/client: build first.
config.test!.globalSetup = ['./build.ts'];
// Packing and installing the client has nothing to do with the database: once, on PGlite.
for (const project of config.test!.projects ?? []) {
  if (typeof project === 'object' && 'test' in project && project.test?.name === 'postgres') {
    project.test.exclude = [...(project.test.exclude ?? []), '**/packed-client.test.ts'];
  }
}

export default config;
