import { describe, expect, it } from 'vitest';
import { ACTUAL_API_VERSION, npmEnvironment, peerPackage } from './install-actual.ts';

describe('the peer folder', () => {
  it('pins exactly one dependency, at one version', () => {
    expect(peerPackage(ACTUAL_API_VERSION).dependencies).toEqual({
      '@actual-app/api': ACTUAL_API_VERSION,
    });
    expect(ACTUAL_API_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("runs npm without pnpm's script variables, keeping registry, proxy and CA settings", () => {
    expect(
      npmEnvironment({
        PATH: '/usr/bin',
        HOME: '/root',
        HTTPS_PROXY: 'http://proxy',
        npm_config_user_agent: 'pnpm/10',
        npm_package_name: '@outlay/bench',
        npm_lifecycle_event: 'bench:peer',
        npm_config_node_gyp: '/pnpm/node-gyp',
        PNPM_SCRIPT_SRC_DIR: '/work',
        pnpm_config_verify_deps_before_run: 'false',
        npm_config_registry: 'https://registry.example/',
        npm_config_cafile: '/etc/ca.pem',
        UNSET: undefined,
      }),
    ).toEqual({
      PATH: '/usr/bin',
      HOME: '/root',
      HTTPS_PROXY: 'http://proxy',
      npm_config_registry: 'https://registry.example/',
      npm_config_cafile: '/etc/ca.pem',
    });
  });
});
