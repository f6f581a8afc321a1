package org.agenthooks.adapters.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names the kind of non-public network an address belongs to, if any: the one rule behind both SSRF checks. The
 * cloud metadata service is refused in every profile; the rest of the internal networks only where private networks
 * are not allowed.
 */
final class AddressClassifier {
    static final String METADATA_KIND = "link-local (cloud metadata)";
    /** AWS's IPv6 instance metadata endpoint; its IPv4 one, 169.254.169.254, is in the link-local range. */
    private static final InetAddress AWS_IPV6_METADATA = literal("fd00:ec2::254");
    /** Digits, hex or dot-separated parts: what some resolvers read as an IPv4 address in another notation. */
    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?", Pattern.CASE_INSENSITIVE);

    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

    private AddressClassifier() {}

    /**
     * Why a host may not be delivered to, or empty when it may: every address it resolved to is public, or, with
     * private networks allowed, none is the cloud metadata service.
     */
    static Optional<String> refusal(String host, boolean allowPrivateNetworks, InetAddress... addresses) {
        for (InetAddress address : addresses) {
            Optional<String> kind = allowPrivateNetworks ? metadataKind(address) : nonPublicKind(address);
            if (kind.isPresent()) {
                String literal = address.getHostAddress();
                String where = host.equals(literal) ? host : host + " (" + literal + ")";
                String rule = allowPrivateNetworks
                        ? "webhooks are never delivered to the cloud metadata service"
                        : "webhooks must point to the public internet";
                return Optional.of(where + " is a " + kind.get() + " address; " + rule);
            }
        }
        return Optional.empty();
    }

    /**
     * Why a host written as a number in another notation than four decimal parts is refused ({@code 2130706433},
     * {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}): resolvers disagree on what they mean (Java reads
     * {@code 0177.0.0.1} as 177.0.0.1, C libraries as 127.0.0.1), so no check could speak for every reader.
     */
    static Optional<String> ambiguousNumericHost(String host) {
        if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return Optional.of(host + " is an IPv4 address in an ambiguous notation; write it as four decimal numbers"
                    + " (a.b.c.d)");
        }
        return Optional.empty();
    }

    /** Whether the address is the cloud metadata service's: all of 169.254.0.0/16, or fd00:ec2::254. */
    static Optional<String> metadataKind(InetAddress address) {
        InetAddress unwrapped = unwrapIpv4Mapped(address);
        byte[] bytes = unwrapped.getAddress();
        boolean ipv4LinkLocal = unwrapped instanceof Inet4Address && bytes[0] == (byte) 169 && bytes[1] == (byte) 254;
        return ipv4LinkLocal || unwrapped.equals(AWS_IPV6_METADATA) ? Optional.of(METADATA_KIND) : Optional.empty();
    }

    /** The kind of internal or special-purpose network the address is in, or empty for a public address. */
    static Optional<String> nonPublicKind(InetAddress address) {
        Optional<String> metadata = metadataKind(address);
        if (metadata.isPresent()) {
            return metadata;
        }
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

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
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
