/** The PrivacyService, built once per cold start for the two privacy routes. */
import { PrivacyService } from '../../domain/privacy-service';
import { KeyedHasher } from '../../domain/keyed-hash';
import { secretKey } from '../../shared/keys';
import { commentStore } from '../../shared/service';

let service: Promise<PrivacyService> | undefined;

export function privacyService(): Promise<PrivacyService> {
  service ??= secretKey('HASH_KEY').then((key) => new PrivacyService({ store: commentStore(), hasher: new KeyedHasher(key) }));
  service.catch(() => (service = undefined));
  return service;
}
