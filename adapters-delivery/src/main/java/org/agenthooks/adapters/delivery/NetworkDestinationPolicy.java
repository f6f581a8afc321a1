package org.agenthooks.adapters.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.agenthooks.application.port.out.DestinationPolicy;
import org.agenthooks.domain.shared.InvalidInputException;
import org.agenthooks.domain.webhook.WebhookUrl;

/**
 * Destination policy by DNS: refuses URLs whose host resolves to loopback, private, link-local or other internal
 * addresses.
 */
public final class NetworkDestinationPolicy implements DestinationPolicy {
    private static final String FIELD = "url";
    private final boolean allowPrivateNetworks;

    /**
     * With {@code allowPrivateNetworks} every destination is allowed, as the demo profile needs for local
     * receivers.
     */
    public NetworkDestinationPolicy(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    @Override
    public void check(WebhookUrl url) {
        if (allowPrivateNetworks) {
            return;
        }
        String host = url.host();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw InvalidInputException.of(FIELD, "host " + host + " could not be resolved");
        }
        AddressClassifier.refusal(host, addresses).ifPresent(reason -> {
            throw InvalidInputException.of(FIELD, reason);
        });
    }
}
