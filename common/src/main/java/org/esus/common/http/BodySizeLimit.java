package org.esus.common.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.FhirError;
import org.esus.common.error.OperationOutcomes;
import org.esus.common.fhir.FhirJson;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * CONTRACT section 1: a body over the limit (default 1 MiB, {@code esus.http.max-body-bytes})
 * answers 413 with an OperationOutcome. A declared Content-Length is refused before the body is
 * read; a chunked body is counted as it is read.
 */
@Provider
@ApplicationScoped
public class BodySizeLimit implements ReaderInterceptor {

    @ConfigProperty(name = "esus.http.max-body-bytes", defaultValue = "1048576")
    long maxBytes;

    void register(@Observes Filters filters) {
        filters.register(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && declaredTooLarge(length)) {
                context.response().setStatusCode(413)
                        .putHeader("Content-Type", FhirJson.CONTENT_TYPE)
                        .putHeader("Connection", "close")
                        .end(OperationOutcomes.errorJson(IssueType.TOOCOSTLY, tooLargeMessage()));
                return;
            }
            context.next();
        }, 1000);
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new CountingStream(context.getInputStream()));
        return context.proceed();
    }

    private boolean declaredTooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x itself rejects a malformed Content-Length
        }
    }

    private String tooLargeMessage() {
        return "The request body is larger than the limit of " + maxBytes + " bytes";
    }

    private final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > maxBytes) {
                throw FhirError.tooLarge(tooLargeMessage());
            }
        }
    }
}
