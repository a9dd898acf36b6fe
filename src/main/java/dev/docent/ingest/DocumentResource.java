package dev.docent.ingest;

import dev.docent.security.Caller;
import dev.docent.security.RateLimited;
import dev.docent.web.ApiException;
import dev.docent.web.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Upload, list, read, re-permission and delete documents. Thin: validation here, the work in the services. */
@Path("documents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private final DocumentIntake intake;
    private final DocumentCatalog catalog;
    private final Caller caller;
    private final long maxBytes;
    private final String defaultCollection;

    @Inject
    public DocumentResource(DocumentIntake intake, DocumentCatalog catalog, Caller caller,
                            @ConfigProperty(name = "docent.upload.max-bytes", defaultValue = "52428800") long maxBytes,
                            @ConfigProperty(name = "docent.collection.default", defaultValue = "general")
                            String defaultCollection) {
        this.intake = intake;
        this.catalog = catalog;
        this.caller = caller;
        this.maxBytes = maxBytes;
        this.defaultCollection = defaultCollection;
    }

    /** For CDI's client proxy only. */
    protected DocumentResource() {
        this(null, null, null, 0, null);
    }

    /**
     * 202 with the queued job; 200 {"status":"unchanged"} when the same content and settings are already there.
     * Without an externalId, a document is known by its uploader and file name ("alice/notes.md"): uploading the
     * same name again replaces it, and two people's files of the same name never collide.
     */
    @RateLimited
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@FormParam("file") EntityPart file,
                           @FormParam("collection") String collection,
                           @FormParam("groups") String groups,
                           @FormParam("externalId") String externalId,
                           @FormParam("title") String title,
                           @FormParam("ttlDays") String ttlDays) {
        if (file == null) {
            throw ApiException.badRequest("Send the document as the multipart part 'file'.");
        }
        String fileName = file.getFileName().map(n -> n.replaceAll(".*[/\\\\]", "")).orElse(null);
        byte[] content = readBounded(file);
        IngestRequest request;
        try {
            request = new IngestRequest(
                    IngestValidation.collection(collection, defaultCollection),
                    IngestValidation.externalId(externalId, fileName == null ? null : caller.user() + "/" + fileName),
                    IngestValidation.title(title),
                    IngestValidation.groups(groups),
                    IngestValidation.ttlDays(ttlDays));
        } catch (InvalidIngestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        DocumentIntake.Outcome outcome;
        try {
            outcome = intake.acceptUpload(request, new DocumentIntake.Content(content, fileName), caller);
        } catch (RuntimeException e) {
            throw rejected(e);
        }
        if (outcome instanceof DocumentIntake.Unchanged unchanged) {
            return Response.ok(Map.of("status", "unchanged", "documentId", unchanged.documentId(),
                    "jobId", String.valueOf(unchanged.jobId()))).build();
        }
        return Response.accepted(Map.of("status", "queued", "documentId", outcome.documentId(),
                "jobId", outcome.jobId())).build();
    }

    @GET
    public Map<String, List<DocumentView>> list(@QueryParam("collection") String collection,
                                                @QueryParam("offset") String offset,
                                                @QueryParam("limit") String limit) {
        return Map.of("documents", catalog.list(collection,
                QueryParams.integer(offset, 0, "offset", 0, Integer.MAX_VALUE),
                QueryParams.integer(limit, 50, "limit", 1, 500), caller));
    }

    @GET
    @Path("{id}")
    public DocumentView get(@PathParam("id") String id) {
        return catalog.get(uuid(id), caller);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        catalog.delete(uuid(id), caller);
        return Response.noContent().build();
    }

    /** POST /documents/{id}/reingest: again from the stored original (uploader or admin); 202 with the job. */
    @POST
    @Path("{id}/reingest")
    @RateLimited
    public Response reingest(@PathParam("id") String id) {
        return Response.accepted(catalog.reingest(uuid(id), caller)).build();
    }

    /** The body of PUT /documents/{id}/acl. */
    public record AclChange(List<String> groups) {
    }

    @PUT
    @Path("{id}/acl")
    @Consumes(MediaType.APPLICATION_JSON)
    public DocumentView changeAcl(@PathParam("id") String id, AclChange change) {
        if (change == null || change.groups() == null) {
            throw ApiException.badRequest("Send {\"groups\": [\"group\", ...]}.");
        }
        Set<String> groups;
        try {
            groups = IngestValidation.groups(String.join(",", change.groups()));
        } catch (InvalidIngestException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return catalog.changeAcl(uuid(id), groups, caller);
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Document");
        }
    }

    private byte[] readBounded(EntityPart file) {
        try (InputStream in = file.getContent()) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw ApiException.payloadTooLarge("The file is larger than the limit of " + maxBytes + " bytes.");
            }
            if (content.length == 0) {
                throw ApiException.badRequest("The file is empty.");
            }
            return content;
        } catch (IOException e) {
            throw ApiException.badRequest("The upload could not be read: " + e.getMessage());
        }
    }

    /**
     * Intake failures that are the request's fault become 4xx; two uploads racing to create the same document
     * become a 409 for the one that lost (the database's unique key decided).
     */
    private static RuntimeException rejected(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof InvalidIngestException invalid) {
                return invalid.toApiException();
            }
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return new ApiException(409, "conflict",
                        "Another upload of this document is being accepted right now; try again.");
            }
        }
        return e;
    }
}
