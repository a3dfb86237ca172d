/** Who signs in at the demo IdP; printed at startup, and known to the demo test. */
export const DEMO_LOGIN = { login: 'demo@demo.patchworks.test', password: 'Demo!pass1' } as const;

export const DEMO_COMPANY_NAME = 'Demo Company';
export const DEMO_PROVIDER_NAME = 'Demo PingOne';
export const DEMO_TENANT_ID = 'demo-environment';
export const DEMO_CLIENT_ID = 'patchworks-demo';
