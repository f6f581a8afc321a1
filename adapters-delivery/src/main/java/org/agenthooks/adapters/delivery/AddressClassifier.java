package org.agenthooks.adapters.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/** Names the kind of non-public network an address belongs to, if any: the one rule behind both SSRF checks. */
final class AddressClassifier {
    private AddressClassifier() {}

    /** Why a host may not be delivered to, or empty when every address it resolved to is public. */
    static Optional<String> refusal(String host, InetAddress... addresses) {
        for (InetAddress address : addresses) {
            Optional<String> kind = nonPublicKind(address);
            if (kind.isPresent()) {
                String literal = address.getHostAddress();
                String where = host.equals(literal) ? host : host + " (" + literal + ")";
                return Optional.of(
                        where + " is a " + kind.get() + " address; webhooks must point to the public internet");
            }
        }
        return Optional.empty();
    }

    /** The kind of internal or special-purpose network the address is in, or empty for a public address. */
    static Optional<String> nonPublicKind(InetAddress address) {
        InetAddress unwrapped = unwrapIpv4Mapped(address);
        byte[] bytes = unwrapped.getAddress();
        if (unwrapped.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        // All of 0.0.0.0/8 ("this network"), not only 0.0.0.0: Linux connects such destinations to the local host.
        if (unwrapped.isAnyLocalAddress() || unwrapped instanceof Inet4Address && bytes[0] == 0) {
            return Optional.of("wildcard (any-local)");
        }
        if (unwrapped.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (unwrapped.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (unwrapped instanceof Inet4Address && bytes[0] == 100 && (bytes[1] & 0xC0) == 64) {
            return Optional.of("carrier-grade NAT (100.64.0.0/10)");
        }
        if (unwrapped instanceof Inet6Address && (bytes[0] & 0xFE) == 0xFC) {
            return Optional.of("unique-local (fc00::/7)");
        }
        if (unwrapped.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        return Optional.empty();
    }

    // The JDK turns textual ::ffff:a.b.c.d into an Inet4Address, but an Inet6Address can still carry one.
    private static InetAddress unwrapIpv4Mapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (!(address instanceof Inet6Address) || !isIpv4MappedPrefix(bytes)) {
            return address;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean isIpv4MappedPrefix(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
