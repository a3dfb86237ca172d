import { Injectable } from '@nestjs/common';
import { BlockList, isIP } from 'node:net';
import { AppConfig } from 'src/config/app-config';

// addresses an IdP never has: loopback, private, link-local (cloud metadata), CGNAT, unspecified
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['::ffff:0:0', 96],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/**
 * Which URLs may serve as an issuer, a discovery document or an IdP endpoint: https on a public
 * host; http only on a loopback host, and only when SSO_ALLOW_INSECURE_ISSUERS is on (tests) or
 * for the origin of the demo IdP, which the demo registers while DEMO is on.
 */
@Injectable()
export class IssuerUrlPolicy {
  private readonly trustedOrigins = new Set<string>();

  constructor(private readonly config: AppConfig) {}

  /** @throws Error outside the demo, or for an origin that is not on a loopback host. */
  trustDemoOrigin(origin: string): void {
    const url = new URL(origin);
    if (!this.config.demo || this.config.isProduction || !isLoopbackHost(url.hostname)) {
      throw new Error('Only the demo may trust an insecure issuer origin, on a loopback host');
    }
    this.trustedOrigins.add(url.origin);
  }

  /** Why `url` may not be used, or null when it may. */
  refusalOf(url: URL): string | null {
    const isLoopback = isLoopbackHost(url.hostname);
    const mayBeInsecure =
      isLoopback && (this.config.ssoAllowInsecureIssuers || this.trustedOrigins.has(url.origin));
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && mayBeInsecure)) {
      return 'must use https (http only for loopback hosts when SSO_ALLOW_INSECURE_ISSUERS=true)';
    }
    if (!mayBeInsecure && (isLoopback || isPrivateAddress(url.hostname))) {
      return 'must not point at a private, loopback or link-local address';
    }

    return null;
  }
}

function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

export function isLoopbackHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return true;
  }

  return isIP(host) === 4 ? host.startsWith('127.') : host === '::1';
}

function isPrivateAddress(hostname: string): boolean {
  const host = bareHost(hostname);
  const family = isIP(host);

  return family !== 0 && PRIVATE.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
