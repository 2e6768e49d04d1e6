package org.esus.subscription.domain;

import org.esus.common.error.FhirError;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelComponent;

/**
 * The Standard Webhooks signing secret a client sets as an extension on Subscription.channel.
 * It is taken out of the resource before the resource is stored, so reads and searches can
 * never return it; it lives in its own column and travels to the dispatcher on the topics.
 */
public final class ChannelSecret {

    public static final String EXTENSION_URL = "https://esus.org/fhir/StructureDefinition/subscription-secret";
    public static final int MIN_LENGTH = 24;

    private ChannelSecret() {
    }

    /** Removes the secret extension from the channel; returns its value, or null when absent. */
    public static String extract(SubscriptionChannelComponent channel) {
        String secret = null;
        int found = 0;
        for (Extension extension : channel.getExtensionsByUrl(EXTENSION_URL)) {
            found++;
            if (!(extension.getValue() instanceof StringType value) || value.getValue() == null) {
                throw FhirError.invalid("The subscription-secret extension must carry a valueString");
            }
            secret = value.getValue();
        }
        if (found > 1) {
            throw FhirError.invalid("Subscription.channel carries more than one subscription-secret extension");
        }
        channel.removeExtension(EXTENSION_URL);
        if (secret != null && secret.length() < MIN_LENGTH) {
            throw FhirError.badValue("The subscription secret must be at least " + MIN_LENGTH + " characters long");
        }
        return secret;
    }
}
