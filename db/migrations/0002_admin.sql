-- Intentionally empty. The console's tables arrived in 0003–0008; this number was reserved for them while the
-- work was split, and is kept so that the journal stays in order.
SELECT 1;
