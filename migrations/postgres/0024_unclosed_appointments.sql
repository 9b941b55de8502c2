-- Appointments nobody has closed yet, by end: the close-out list and its badge count read only
-- these (a few a day) instead of every appointment the clinic ever had.
CREATE INDEX appointments_unclosed ON appointments (end_ms)
    WHERE status IN ('booked', 'confirmed', 'arrived', 'in_treatment');
