package org.esus.common.error;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Recognises, anywhere in a cause chain, the failures that mean "a backing service is
 * unreachable right now" so they answer 503 + Retry-After rather than 500. Kafka and
 * Hibernate classes are matched by name so this module needs neither library.
 */
public final class BackendFailures {

    private static final Set<String> TRANSIENT_CLASS_NAMES = Set.of(
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.NetworkException",
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.QueryTimeoutException");

    private BackendFailures() {
    }

    /** The FhirError inside the chain, a 503 for an unreachable backend, or null. */
    public static FhirError asFhirError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof FhirError fhirError) {
                return fhirError;
            }
            if (isUnavailable(t)) {
                return FhirError.unavailable("A backing service is unavailable; retry later", failure);
            }
        }
        return null;
    }

    private static boolean isUnavailable(Throwable t) {
        if (t instanceof ConnectException || t instanceof SQLTransientException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            // Class 08: connection exceptions; 57P01-03: server shutting down / cannot connect now.
            String state = sql.getSQLState();
            return state.startsWith("08") || state.startsWith("57P");
        }
        if (t.getMessage() != null && t.getMessage().contains("Acquisition timeout")) {
            return true; // Agroal: no pooled connection could be had, the database is not answering
        }
        return TRANSIENT_CLASS_NAMES.contains(t.getClass().getName());
    }
}
