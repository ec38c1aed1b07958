package io.vigil.query.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.vigil.query.stream.StreamTickets;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Accepts a stream ticket ({@link StreamTickets}) as the credential of a stream request, once. Only
 * {@link AccessTokenQueryReader} hands tickets over (from {@code ?access_token=} on the two stream
 * endpoints), so a ticket opens nothing else.
 */
@Singleton
public class StreamTicketValidator implements TokenValidator<HttpRequest<?>> {
    private final StreamTickets tickets;

    public StreamTicketValidator(StreamTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!StreamTickets.looksLikeTicket(token)
                || request == null
                || !AccessTokenQueryReader.isStream(request.getPath())) {
            return Mono.empty();
        }
        return Mono.justOrEmpty(tickets.redeem(token));
    }
}
