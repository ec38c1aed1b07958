package io.vigil.query.web;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 (7807) problem document, sent as {@code application/problem+json}. Every error of
 * the API has this shape: {@code {"type":"about:blank","title","status","detail"}}.
 */
@Serdeable
public record Problem(String type, String title, int status, String detail) {
    public static final String ABOUT_BLANK = "about:blank";

    public static Problem of(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, title, status, detail);
    }
}
