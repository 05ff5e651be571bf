package dev.panels.emulator.medplum;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Medplum's {@code safeFetch} ({@code packages/server/src/util/url.ts}): unless the server setting
 * {@code allowUnsafeOutbound} is true, an outbound call must use {@code https:} and must not reach localhost or an
 * address that is not globally routable (loopback, private, carrier-grade NAT, link-local, multicast, reserved,
 * documentation and benchmarking ranges: ipaddr.js's non-{@code unicast} ranges plus 198.18.0.0/15). A host name
 * is refused if any address it resolves to is unsafe. The point is SSRF: a ClientApplication's userinfo URL is
 * chosen by a project admin, so without this check any project admin could make the server call its internal
 * network.
 */
final class OutboundPolicy {

    /** Why a call was not made. Medplum reports every such case to the caller as the same generic failure. */
    static final class Blocked extends IOException {
        Blocked(String message) {
            super(message);
        }
    }

    private record Range(byte[] prefix, int bits) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Range> UNSAFE = List.of(
            // IPv4
            range("0.0.0.0", 8), range("10.0.0.0", 8), range("100.64.0.0", 10), range("127.0.0.0", 8),
            range("169.254.0.0", 16), range("172.16.0.0", 12), range("192.0.0.0", 24), range("192.0.2.0", 24),
            range("192.31.196.0", 24), range("192.52.193.0", 24), range("192.88.99.0", 24), range("192.168.0.0", 16),
            range("192.175.48.0", 24), range("198.18.0.0", 15), range("198.51.100.0", 24), range("203.0.113.0", 24),
            range("224.0.0.0", 4), range("240.0.0.0", 4),
            // IPv6 (IPv4-mapped addresses arrive here as IPv4 already)
            range("::", 128), range("::1", 128), range("::ffff:0:0:0", 96), range("64:ff9b::", 96), range("100::", 64), range("2001::", 23),
            range("2001:db8::", 32), range("2002::", 16), range("2620:4f:8000::", 48), range("fc00::", 7),
            range("fe80::", 10), range("ff00::", 8));

    private final boolean allowUnsafe;

    OutboundPolicy(boolean allowUnsafe) {
        this.allowUnsafe = allowUnsafe;
    }

    /**
     * Checks a URL before it is called. The JVM keeps a successful lookup for 30 s by default
     * ({@code networkaddress.cache.ttl}), so the connection made right after uses the addresses checked here.
     */
    void check(URI uri) throws Blocked {
        if (allowUnsafe) {
            return;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new Blocked("Outbound request blocked: HTTPS is required");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.equals("localhost") || host.equals("localhost.localdomain") || host.endsWith(".localhost")) {
            throw new Blocked("Outbound request to unsafe hostname " + host + " is blocked");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Blocked("Outbound request to " + host + " failed: unknown host");
        }
        for (InetAddress address : addresses) {
            if (isUnsafe(address)) {
                throw new Blocked("Outbound request to unsafe address " + host + " is blocked");
            }
        }
    }

    static boolean isUnsafe(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            // ::a.b.c.d (deprecated) reaches the IPv4 host a.b.c.d on some stacks: judge it as that address.
            // (:: and ::1 land in 0.0.0.0/8 that way, so they stay unsafe).
            bytes = new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]};
        }
        for (Range r : UNSAFE) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String literal, int bits) {
        try {
            // Literals only: no name lookup happens here.
            return new Range(InetAddress.getByName(literal).getAddress(), bits);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
