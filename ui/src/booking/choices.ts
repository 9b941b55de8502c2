// The services and therapists a booking-like form offers: the active ones, as the core lists
// them.

import { call, type Practitioner, type Service } from '../api';

export async function activeChoices(): Promise<{
  services: Service[];
  practitioners: Practitioner[];
}> {
  const [services, practitioners] = await Promise.all([
    call('services.list', {}),
    call('practitioners.list', {}),
  ]);
  return {
    services: services.filter((s) => s.active),
    practitioners: practitioners.filter((p) => p.active),
  };
}
