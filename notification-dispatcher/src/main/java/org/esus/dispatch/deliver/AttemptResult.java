package org.esus.dispatch.deliver;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

/**
 * What one POST came to: a metric tag and, for a failure, the error reported in the FAILED
 * outcome (and so in Subscription.error). Texts name the kind of failure, never the request.
 */
record AttemptResult(boolean delivered, String tag, String error) {

    static AttemptResult of(int status) {
        if (status >= 200 && status < 300) {
            return new AttemptResult(true, "success", null);
        }
        // 3xx included: redirects are never followed (CONTRACT section 2), so they are failures
        return new AttemptResult(false, "http_" + (status / 100) + "xx", "HTTP " + status);
    }

    static AttemptResult of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return new AttemptResult(false, "connect_timeout", "connect timeout");
        }
        if (cause instanceof HttpTimeoutException) {
            return new AttemptResult(false, "timeout", "read timeout");
        }
        if (cause instanceof ConnectException) {
            return new AttemptResult(false, "refused", "connection refused");
        }
        return new AttemptResult(false, "io_error", "I/O error (" + cause.getClass().getSimpleName() + ")");
    }
}
