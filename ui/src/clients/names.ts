// How clients are named on screen.

import type { Client, ClientSummary } from '../api';
import { formatBirthDate } from '../time/wallclock';

type Named = Pick<ClientSummary, 'givenName' | 'familyName' | 'preferredName'>;

/** "José Álvarez" */
export function fullName(client: Named): string {
  return `${client.givenName} ${client.familyName}`.trim();
}

/** The preferred name when it differs from the given name ("Pepe"), else "". */
export function knownAs(client: Named): string {
  const preferred = client.preferredName.trim();
  return preferred !== '' && preferred !== client.givenName ? preferred : '';
}

/** What tells two same-named clients apart: "born 3 Apr 1957 · 07700 900004". */
export function identityLine(client: Pick<Client, 'dateOfBirth' | 'phone' | 'email'>): string {
  const parts: string[] = [];
  if (client.dateOfBirth) parts.push(`born ${formatBirthDate(client.dateOfBirth)}`);
  if (client.phone) parts.push(client.phone);
  else if (client.email) parts.push(client.email);
  return parts.join(' · ');
}
