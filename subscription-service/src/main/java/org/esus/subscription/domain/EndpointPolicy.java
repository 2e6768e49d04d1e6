package org.esus.subscription.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.esus.common.error.FhirError;

/**
 * The address policy of CONTRACT section 2 for rest-hook endpoints: an absolute http(s) URL
 * whose host does not resolve to a loopback, link-local, private (site-local, unique-local,
 * carrier-grade NAT), any-local or multicast address, so a Subscription cannot turn the
 * dispatcher against the internal network. {@code esus.subscription.allow-loopback} lets the
 * local stack and tests use 127.0.0.1; {@code allow-private} opens private ranges (and only
 * those). A name that does not resolve now is accepted: the dispatcher checks the address it
 * actually connects to.
 */
@ApplicationScoped
public class EndpointPolicy {

    private static final long RESOLVE_TIMEOUT_MS = 2_000;
    /** Longer URLs are refused: the endpoint is indexed, and PostgreSQL refuses index entries over about 2.7 kB. */
    static final int MAX_ENDPOINT_BYTES = 2048;

    private final boolean allowLoopback;
    private final boolean allowPrivate;

    public EndpointPolicy(@ConfigProperty(name = "esus.subscription.allow-loopback", defaultValue = "false") boolean allowLoopback,
            @ConfigProperty(name = "esus.subscription.allow-private", defaultValue = "false") boolean allowPrivate) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
    }

    /** The endpoint as a URI; 400 when it is no absolute http(s) URL, 422 when its address is refused. */
    public URI check(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw FhirError.invalid("Subscription.channel.endpoint is required for a rest-hook channel");
        }
        if (endpoint.getBytes(StandardCharsets.UTF_8).length > MAX_ENDPOINT_BYTES) {
            throw FhirError.badValue("Subscription.channel.endpoint may have at most " + MAX_ENDPOINT_BYTES + " bytes");
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw FhirError.badValue("Subscription.channel.endpoint is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw FhirError.badValue("Subscription.channel.endpoint must be an absolute http or https URL");
        }
        if (uri.getUserInfo() != null) {
            throw FhirError.badValue("Subscription.channel.endpoint must not carry credentials; use channel.header");
        }
        for (InetAddress address : resolve(uri.getHost())) {
            String refusal = refusal(address);
            if (refusal != null) {
                throw FhirError.businessRule("Subscription.channel.endpoint " + uri.getHost() + " resolves to " + refusal
                        + " address " + address.getHostAddress() + ", which this server does not notify");
            }
        }
        return uri;
    }

    /** Why the address is refused ("a loopback", ...), or null when it is allowed. */
    String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "a loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified (any-local)";
        }
        if (address.isMulticastAddress() || isBroadcast(address)) {
            return "a multicast or broadcast";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address) || isSharedAddressSpace(address)) {
            return allowPrivate ? null : "a private";
        }
        return null;
    }

    private static InetAddress[] resolve(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        // Resolution can hang on a dead resolver: bound it, and accept what we cannot resolve now.
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(bare);
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        });
        try {
            return lookup.get(RESOLVE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return new InetAddress[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InetAddress[0];
        }
    }

    /** fc00::/7, the IPv6 private range (Java's isSiteLocalAddress knows only the old fec0::/10). */
    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }

    /** 100.64.0.0/10, carrier-grade NAT: internal networks in clouds use it as private space. */
    private static boolean isSharedAddressSpace(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }

    private static boolean isBroadcast(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 && (bytes[0] & bytes[1] & bytes[2] & bytes[3] & 0xff) == 0xff;
    }
}
