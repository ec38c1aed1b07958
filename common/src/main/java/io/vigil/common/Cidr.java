package io.vigil.common;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network ({@code 192.0.2.0/24}, {@code 2001:db8::/32}) or single address.
 * Parsing accepts only address literals: it never resolves a host name.
 */
public final class Cidr implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] network;
    private final int prefix;

    private Cidr(byte[] network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses {@code ADDRESS[/PREFIX]}; throws IllegalArgumentException when it is not one. */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        byte[] address = literal(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + text);
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    /** Whether the address (a literal) lies in this network; false for anything not an address. */
    public boolean contains(String address) {
        byte[] bytes = address == null ? null : literal(address.trim());
        return bytes != null && bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network);
    }

    /**
     * The address bytes of an IP literal, or null: host names are refused, never looked up. IPv4 is
     * read here, in ASCII digits only; IPv6 by the JDK, and only text it reads as a literal (it
     * starts with a hex digit or ':' and holds a ':'), which it never sends to DNS: a record's
     * "address" must not cost a name lookup (a stall, and a leak) per event.
     */
    public static byte[] literal(String text) {
        if (text.isEmpty() || text.length() > 45) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isAsciiHex(c) || c == '.' || c == ':')) {
                return null;
            }
        }
        if (!(isAsciiHex(text.charAt(0)) || text.charAt(0) == ':')) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four dot-separated decimal numbers of one to three ASCII digits, each up to 255. */
    private static byte[] ipv4(String text) {
        byte[] address = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || part > 3) {
                    return null;
                }
                address[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? address : null;
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
