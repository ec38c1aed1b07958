package io.vigil.detection.condition;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sigma's value transformations, applied in the order written before the comparison
 * ({@code CommandLine|wide|base64offset|contains: ...}): each turns one value into the
 * variants an event may hold. They work on bytes because {@code wide} changes the encoding
 * that {@code base64} then sees.
 */
final class ValueTransforms {
    /** The dashes Windows tools accept for an option: '-', '/', en dash, em dash, horizontal bar. */
    private static final List<String> DASHES = List.of("-", "/", "\u2013", "\u2014", "\u2015");
    /** An option's leading dash or slash: at the start or after whitespace. */
    private static final Pattern OPTION = Pattern.compile("(?<=^|\\s)[-/]");

    private ValueTransforms() {}

    /** Whether the result is an encoding of the value (then it must be compared case-sensitively). */
    static boolean encodes(List<Modifier> transforms) {
        return transforms.stream().anyMatch(t -> t != Modifier.WINDASH);
    }

    /** A variant as bytes plus the charset that turns them back into the text an event holds. */
    private record Variant(byte[] bytes, Charset charset) {
        String text() {
            return new String(bytes, charset);
        }
    }

    static List<String> apply(List<Modifier> transforms, String value) {
        List<Variant> current = List.of(new Variant(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        for (Modifier transform : transforms) {
            List<Variant> next = new ArrayList<>();
            for (Variant v : current) {
                next.addAll(apply(transform, v));
            }
            current = next;
        }
        Set<String> texts = new LinkedHashSet<>();
        current.forEach(v -> texts.add(v.text()));
        return List.copyOf(texts);
    }

    private static List<Variant> apply(Modifier transform, Variant v) {
        switch (transform) {
            case BASE64:
                return List.of(ascii(Base64.getEncoder().encode(v.bytes())));
            case BASE64OFFSET:
                return base64Offsets(v.bytes());
            case WIDE:
            case UTF16LE:
                // the bytes as UTF-16LE, read back one char per byte so "a" becomes "a\0"
                return List.of(new Variant(v.text().getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
            case UTF16BE:
                return List.of(new Variant(v.text().getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
            case UTF16:
                // with a byte order mark, as .NET's Encoding.Unicode.GetPreamble() writes it
                byte[] le = v.text().getBytes(StandardCharsets.UTF_16LE);
                byte[] bom = new byte[le.length + 2];
                bom[0] = (byte) 0xFF;
                bom[1] = (byte) 0xFE;
                System.arraycopy(le, 0, bom, 2, le.length);
                return List.of(new Variant(bom, StandardCharsets.ISO_8859_1));
            case WINDASH:
                return windash(v);
            default:
                throw new IllegalArgumentException(transform.written());
        }
    }

    /**
     * The three forms a value takes inside a longer base64 text, depending on its offset modulo
     * 3 in the encoded data; the characters that depend on the neighbours are cut off. Same
     * offsets as pySigma's base64offset.
     */
    private static List<Variant> base64Offsets(byte[] value) {
        int[] start = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            byte[] padded = new byte[value.length + i];
            for (int j = 0; j < i; j++) {
                padded[j] = ' ';
            }
            System.arraycopy(value, 0, padded, i, value.length);
            String encoded = Base64.getEncoder().encodeToString(padded);
            int end = encoded.length() - endCut[(value.length + i) % 3];
            if (end > start[i]) {
                variants.add(new Variant(
                        encoded.substring(start[i], end).getBytes(StandardCharsets.US_ASCII),
                        StandardCharsets.US_ASCII));
            }
        }
        return variants;
    }

    private static List<Variant> windash(Variant v) {
        String text = v.text();
        List<Variant> variants = new ArrayList<>();
        for (String dash : DASHES) {
            String replaced = OPTION.matcher(text).replaceAll(Matcher.quoteReplacement(dash));
            variants.add(new Variant(replaced.getBytes(v.charset()), v.charset()));
        }
        return variants;
    }

    private static Variant ascii(byte[] bytes) {
        return new Variant(bytes, StandardCharsets.US_ASCII);
    }
}
