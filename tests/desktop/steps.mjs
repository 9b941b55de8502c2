// Steps several desktop tests take the same way at reception: adding a client and booking them
// through the booking dialog.

/** Adds a client on the Clients page and waits until the list shows them. */
export async function addClient(app, { given, family, phone }) {
  await app.click('[data-testid=nav-clients]');
  await app.click('[data-testid=new-client]');
  await app.type('[data-testid=client-given-name]', given);
  await app.type('[data-testid=client-family-name]', family);
  await app.type('[data-testid=client-phone]', phone);
  await app.click('[data-testid=client-save]');
  await app.find('[data-testid=client-row]', { text: family });
}

/**
 * Fills the booking dialog from the calendar and sends it: the client found by `search` whose
 * option shows `name`, then service, therapist and room by their labels, date and time. Does
 * not wait for the outcome (a refusal keeps the dialog open).
 */
export async function book(app, { search, name, service, therapist, room, date, time }) {
  await app.click('[data-testid=new-booking]');
  await app.find('[data-testid=booking-dialog]');
  await app.type('[data-testid=booking-client-search]', search);
  await app.click('[data-testid=booking-client-option]', { text: name });
  await app.chooseByLabel('[data-testid=booking-service]', service);
  await app.chooseByLabel('[data-testid=booking-practitioner]', therapist);
  await app.chooseByLabel('[data-testid=booking-room]', room);
  await app.choose('[data-testid=booking-date]', date);
  await app.choose('[data-testid=booking-time]', time);
  await app.click('[data-testid=booking-submit]');
}
