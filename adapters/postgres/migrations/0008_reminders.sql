-- Reminders before sessions and workshops: when each was sent (NULL: not yet). Marking and
-- reading are one UPDATE, so that replicas send each reminder once.
ALTER TABLE bookings ADD COLUMN reminded_at timestamptz;
ALTER TABLE registrations ADD COLUMN reminded_at timestamptz;
