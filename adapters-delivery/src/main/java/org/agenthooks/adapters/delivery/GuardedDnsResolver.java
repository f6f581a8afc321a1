package org.agenthooks.adapters.delivery;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves host names for the WebClient and refuses the cloud metadata service always, and other internal
 * addresses unless private networks are allowed.
 * Checking here, on the very addresses a new connection will use, leaves no gap for a DNS answer that changes
 * between a check and the connect.
 */
final class GuardedDnsResolver implements DnsResolver {
    private final boolean allowPrivateNetworks;
    private final HostResolver resolver;

    GuardedDnsResolver(boolean allowPrivateNetworks, HostResolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    @Override
    public InetAddress resolveAddress(String host, DnsAddressLookup lookup) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        AddressClassifier.refusal(host, allowPrivateNetworks, addresses).ifPresent(reason -> {
            throw new DestinationRefusedException(reason);
        });
        InetAddress[] preferred = lookup.filter(addresses);
        return preferred.length > 0 ? preferred[0] : addresses[0];
    }

    /** Thrown instead of connecting to an address the policy refuses. */
    static final class DestinationRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DestinationRefusedException(String reason) {
            super(reason, null, false, false);
        }
    }
}
