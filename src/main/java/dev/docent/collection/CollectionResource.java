package dev.docent.collection;

import dev.docent.security.Caller;
import dev.docent.web.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

@Path("collections")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {

    /** The body of POST /collections. */
    public record NewCollection(String name, String description, Integer defaultTtlDays) {
    }

    private final CollectionService service;
    private final Caller caller;

    @Inject
    public CollectionResource(CollectionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    /** For CDI's client proxy only. */
    protected CollectionResource() {
        this(null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewCollection body) {
        if (body == null) {
            throw ApiException.badRequest("Send {\"name\": ..., \"description\": ..., \"defaultTtlDays\": ...}.");
        }
        CollectionView created = service.create(body.name(), body.description(), body.defaultTtlDays(), caller);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    public Map<String, List<CollectionView>> list() {
        return Map.of("collections", service.list(caller));
    }
}
