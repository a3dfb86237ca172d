export { CookieJar, followLogin, followLogout } from 'libs/test-idp/browserless';
export type { FollowOptions, LoginCredentials } from 'libs/test-idp/browserless';
export { startTestIdp } from 'libs/test-idp/server';
export type {
  AddTenantOptions,
  Misbehaviour,
  MisbehaviourKind,
  StartTestIdpOptions,
  TenantType,
  TestClient,
  TestIdp,
  TestTenant,
  TestUser,
} from 'libs/test-idp/types';
