package org.esus.common.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jboss.logging.Logger;

/**
 * Last line of defence: an unexpected exception becomes an OperationOutcome without a stack
 * trace. An unreachable backing service (database, broker) is the client's signal to retry
 * (503 + Retry-After), not a server bug; anything else is logged with a reference the
 * client can quote.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        FhirError known = BackendFailures.asFhirError(exception);
        if (known != null) {
            if (known.status() >= 500) {
                LOG.warnf("Backing service unavailable: %s", rootMessage(exception));
            }
            return FhirErrorMapper.toResponse(known.status(), known);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(exception, "Unexpected error, reference %s", reference);
        FhirError error = new FhirError(500, IssueType.EXCEPTION,
                "Internal server error (reference " + reference + ")");
        return FhirErrorMapper.toResponse(500, error);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
