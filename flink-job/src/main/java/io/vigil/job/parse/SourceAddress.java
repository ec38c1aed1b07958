package io.vigil.job.parse;

import com.google.common.net.InetAddresses;
import java.util.Map;

/**
 * ECS {@code source.address} and its typed forms, in one place. Logs name the remote peer as
 * an address or a host name ({@code rhost=220-135-151-1.hinet-ip.hinet.net}, sshd with
 * {@code UseDNS yes}); {@code source.address} keeps it as logged, {@code source.ip} holds it
 * when it is an IP literal and {@code source.domain} when it is a name. An event that brings
 * only {@code source.ip} (an ECS JSON producer) gets it as {@code source.address} too, so rules
 * grouping by {@code source.address} see every source. Fields already set are never replaced.
 */
public final class SourceAddress {
    private static final String ADDRESS = "source.address";
    private static final String IP = "source.ip";
    private static final String DOMAIN = "source.domain";
    /** DNS names are at most 253 characters. */
    private static final int MAX_NAME = 253;

    private SourceAddress() {}

    public static void complete(Map<String, Object> fields) {
        Object address = fields.get(ADDRESS);
        if (address == null) {
            Object ip = fields.get(IP);
            if (ip instanceof String && !((String) ip).isEmpty()) {
                fields.put(ADDRESS, ip);
            }
            return;
        }
        String text = address.toString();
        if (isIp(text)) {
            fields.putIfAbsent(IP, text);
        } else if (isHostName(text)) {
            fields.putIfAbsent(DOMAIN, text);
        }
    }

    /** An IPv4 or IPv6 literal (also {@code ::ffff:1.2.3.4}); never a DNS lookup. */
    static boolean isIp(String text) {
        return text.length() <= 64 && InetAddresses.isInetAddress(text);
    }

    /** Letters, digits, '-', '.', '_' with a letter somewhere: what resolvers accept as a name. */
    static boolean isHostName(String text) {
        if (text.isEmpty() || text.length() > MAX_NAME) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (TextCursor.isLetter(c)) {
                letter = true;
            } else if (!TextCursor.isDigit(c) && c != '-' && c != '.' && c != '_') {
                return false;
            }
        }
        return letter;
    }
}
