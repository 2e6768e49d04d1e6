package org.esus.bench;

/**
 * booking-service's own counters (its /q/metrics) around a run: how often the claim store's
 * Kafka Streams thread committed, how many records each commit covered, what a transaction
 * commit cost (only under exactly_once_v2), how many records each produce request of the stream
 * thread carried, and how long booking-service itself took per answer (HTTP server timers), which
 * set against the client's latencies says how much of them is spent outside it.
 */
record BookingServiceFigures(double commits, double processed, double txnCommitNs, double produceRequests,
        double produced, double[] serverCounts, double[] serverSeconds) {

    private static final String THREAD = "StreamThread";
    /** The answers whose server time is reported, as the labels of http_server_requests_seconds. */
    private static final String[][] ANSWERS = {
        {"201", "method=\"POST\",outcome=\"SUCCESS\",status=\"201\""},
        {"409", "method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"409\""},
        {"DELETE", "method=\"DELETE\",outcome=\"SUCCESS\",status=\"200\""},
    };

    static BookingServiceFigures take(String metricsUrl) {
        double[] counts = new double[ANSWERS.length];
        double[] seconds = new double[ANSWERS.length];
        try {
            String text = PrometheusText.scrape(metricsUrl);
            for (int i = 0; i < ANSWERS.length; i++) {
                counts[i] = PrometheusText.sum(text, "http_server_requests_seconds_count", ANSWERS[i][1]);
                seconds[i] = PrometheusText.sum(text, "http_server_requests_seconds_sum", ANSWERS[i][1]);
            }
            return new BookingServiceFigures(
                    PrometheusText.sum(text, "kafka_stream_thread_commit_total", THREAD),
                    PrometheusText.sum(text, "kafka_stream_thread_process_total", THREAD),
                    PrometheusText.sum(text, "kafka_producer_txn_commit_time_ns_total", THREAD),
                    PrometheusText.sum(text, "kafka_producer_request_total", THREAD),
                    PrometheusText.sum(text, "kafka_producer_record_send_total", THREAD), counts, seconds);
        } catch (Exception e) {
            return new BookingServiceFigures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, counts, seconds);
        }
    }

    String since(BookingServiceFigures before, double seconds) {
        double commitCount = commits - before.commits;
        double txn = txnCommitNs - before.txnCommitNs;
        StringBuilder text = new StringBuilder(String.format("claim store (Kafka Streams): %,.0f commits/s, %.1f records "
                        + "processed per commit, %s, %.1f records per produce request of the stream thread; time inside "
                        + "booking-service per answer (mean of its HTTP server timer):", commitCount / seconds,
                (processed - before.processed) / Math.max(1, commitCount),
                txn > 0 ? String.format("transaction commit %.2f ms on average", txn / Math.max(1, commitCount) / 1e6)
                        : "no transactions",
                (produced - before.produced) / Math.max(1, produceRequests - before.produceRequests)));
        for (int i = 0; i < ANSWERS.length; i++) {
            double count = serverCounts[i] - before.serverCounts[i];
            text.append(String.format(" %s %s,", ANSWERS[i][0], count > 0
                    ? String.format("%.1f ms", (serverSeconds[i] - before.serverSeconds[i]) / count * 1e3) : "none"));
        }
        text.setLength(text.length() - 1);
        return text.toString();
    }
}
