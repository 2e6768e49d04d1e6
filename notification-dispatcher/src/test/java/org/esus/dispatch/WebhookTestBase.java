package org.esus.dispatch;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.esus.testsupport.WebhookReceiver;

/**
 * What every dispatcher test around the running service needs: a receiver on 127.0.0.1, a feed
 * that plays the matcher, and a reader that plays subscription-service.
 */
abstract class WebhookTestBase {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** esus.dispatch.max-attempts in the %test profile. */
    static final int MAX_ATTEMPTS = 4;

    static WebhookReceiver receiver;
    static NotificationFeed feed;
    static OutcomeReader outcomes;

    @BeforeAll
    static void startFixtures() throws Exception {
        receiver = new WebhookReceiver();
        feed = new NotificationFeed();
        outcomes = new OutcomeReader();
    }

    @AfterAll
    static void stopFixtures() {
        receiver.close();
        feed.close();
        outcomes.close();
    }
}
