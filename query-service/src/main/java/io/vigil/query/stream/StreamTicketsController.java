package io.vigil.query.stream;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.query.security.Roles;

/**
 * {@code POST /streams/tickets}: a short-lived, single-use ticket for opening one live stream
 * ({@code GET /logs/stream?access_token=TICKET}), see {@link StreamTickets}. Only a bearer token in
 * the Authorization header gets one: a ticket never buys another ticket.
 */
@Controller("/streams/tickets")
@Secured({Roles.VIEWER, Roles.ANALYST, Roles.ADMIN})
@Tag(name = "streams")
public class StreamTicketsController {
    private final StreamTickets tickets;

    public StreamTicketsController(StreamTickets tickets) {
        this.tickets = tickets;
    }

    @Serdeable
    public record TicketResponse(String ticket, long expires_in) {}

    @Post(produces = MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "streamTicket",
            summary = "A ticket for one live stream",
            description =
                    "Single use, valid for 30 s. Open the stream with ?access_token=TICKET (EventSource cannot send "
                            + "headers; a bearer token in a URL is refused). Reconnecting needs a new ticket; pass the last event's "
                            + "id as ?last_event_id= to resume.")
    public TicketResponse issue(Authentication authentication) {
        StreamTickets.Ticket ticket = tickets.issue(authentication);
        return new TicketResponse(ticket.value(), ticket.expiresIn().toSeconds());
    }
}
