package org.agenthooks.adapters.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.agenthooks.application.port.out.DestinationPolicy;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * Destination policy by DNS: refuses URLs whose host resolves to loopback, private, link-local or other internal
 * addresses, and in every profile the cloud metadata service and IPv4 addresses in ambiguous notations.
 */
public final class NetworkDestinationPolicy implements DestinationPolicy {
    private static final String FIELD = "url";
    private final boolean allowPrivateNetworks;
    private final HostResolver resolver;

    /**
     * With {@code allowPrivateNetworks} loopback and private networks are allowed, as the demo profile needs for
     * local receivers; the cloud metadata service never is.
     */
    public NetworkDestinationPolicy(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, HostResolver.SYSTEM);
    }

    NetworkDestinationPolicy(boolean allowPrivateNetworks, HostResolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    @Override
    public void check(WebhookUrl url) {
        String host = url.host();
        AddressClassifier.ambiguousNumericHost(host).ifPresent(reason -> {
            throw InvalidInputException.of(FIELD, reason);
        });
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            if (allowPrivateNetworks) {
                return; // local testing may name a host that only resolves later; the connect-time guard still holds
            }
            throw InvalidInputException.of(FIELD, "host " + host + " could not be resolved");
        }
        AddressClassifier.refusal(host, allowPrivateNetworks, addresses).ifPresent(reason -> {
            throw InvalidInputException.of(FIELD, reason);
        });
    }
}
