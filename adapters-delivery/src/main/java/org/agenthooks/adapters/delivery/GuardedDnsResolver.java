package org.agenthooks.adapters.delivery;

import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves host names for the WebClient and, unless private networks are allowed, refuses internal addresses.
 * Checking here, on the very addresses a new connection will use, leaves no gap for a DNS answer that changes
 * between a check and the connect.
 */
final class GuardedDnsResolver implements DnsResolver {
    private final boolean allowPrivateNetworks;

    GuardedDnsResolver(boolean allowPrivateNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    @Override
    public InetAddress resolveAddress(String host, DnsAddressLookup lookup) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        if (!allowPrivateNetworks) {
            AddressClassifier.refusal(host, addresses).ifPresent(reason -> {
                throw new DestinationRefusedException(reason);
            });
        }
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
