-- Appointments are written once their claims are granted (no CLAIMING rows any more); claims whose
-- request died are settled by the appointment projection from esus.slot.claims. Rows of the old
-- protocol still in flight cannot be finished by this version: drain booking-service before upgrading.
DELETE FROM appointment WHERE state IN ('CLAIMING', 'ABANDONING');
DROP INDEX appointment_unfinished;
CREATE INDEX appointment_cancelling ON appointment (last_updated) WHERE state = 'CANCELLING';
