package dev.docent.bench;

import dev.docent.it.Api;
import dev.docent.it.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Docent as the benchmark sees it, over its REST API: a collection of its own, documents uploaded end to end (stored
 * original, queue, parse, chunk, embed, write), searches and answers as callers of three ACL selectivities.
 */
public final class DocentTarget {

    /**
     * Callers who may read every document of the run, one in ten, one in a hundred; {@code peerKey} is the same
     * selectivity as the LangChain4j pipeline's metadata filter.
     */
    public enum Selectivity {
        ALL("100%", "all"), TEN_PERCENT("10%", "g10"), ONE_PERCENT("1%", "g1");

        public final String label;
        public final String peerKey;

        Selectivity(String label, String peerKey) {
            this.label = label;
            this.peerKey = peerKey;
        }
    }

    private final String url;
    private final String run;
    private final Api admin;

    public DocentTarget(String url, String run) {
        this.url = url;
        this.run = run;
        this.admin = new Api(url, TestTokens.token("bench-admin", group(Selectivity.ALL), "admin"));
    }

    public String collection() {
        return "bench-" + run;
    }

    /** The ACL group of a selectivity: every document has the first, one in ten the second, one in a hundred all three. */
    public String group(Selectivity selectivity) {
        return switch (selectivity) {
            case ALL -> "bench-" + run;
            case TEN_PERCENT -> "bench-" + run + "-10";
            case ONE_PERCENT -> "bench-" + run + "-1";
        };
    }

    public Api caller(Selectivity selectivity) {
        return new Api(url, TestTokens.token("bench-" + selectivity.name().toLowerCase(), group(selectivity)));
    }

    /** Creates the collection and uploads every document (4 at a time); returns when all were accepted. */
    public void upload(List<BenchDocument> documents) throws Exception {
        Api.Reply created = admin.post("/api/v1/collections", Json.createObjectBuilder().add("name", collection())
                .add("description", "benchmark run " + run).build());
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create the collection: " + created);
        }
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (BenchDocument document : documents) {
            sent.add(uploads.submit(() -> {
                String groups = group(Selectivity.ALL) + (document.in10() ? "," + group(Selectivity.TEN_PERCENT) : "")
                        + (document.in1() ? "," + group(Selectivity.ONE_PERCENT) : "");
                Api.Reply reply = admin.upload(document.id() + ".txt",
                        document.text().getBytes(StandardCharsets.UTF_8), Map.of("groups", groups,
                                "collection", collection(), "externalId", document.id(), "title", document.title()));
                if (reply.status() != 202) {
                    throw new IllegalStateException("upload of " + document.id() + " answered " + reply);
                }
                return null;
            }));
        }
        for (Future<?> upload : sent) {
            upload.get();
        }
        uploads.shutdown();
    }

    /** A search as the caller; collects the chunk ids found and returns the server's time (Server-Timing). */
    public double search(Api caller, String query, String mode, int topK, List<Long> found) {
        Api.Reply reply = caller.post("/api/v1/search", Json.createObjectBuilder().add("query", query)
                .add("mode", mode).add("topK", topK).add("collections", Json.createArrayBuilder().add(collection()))
                .build());
        if (reply.status() != 200) {
            throw new IllegalStateException("search answered " + reply.status());
        }
        if (found != null) {
            reply.json().getJsonArray("results").getValuesAs(JsonObject.class)
                    .forEach(hit -> found.add(hit.getJsonNumber("chunkId").longValue()));
        }
        return serverMillis(reply);
    }

    /** An extractive answer as the caller; returns the server's time. */
    public double ask(Api caller, String question) {
        Api.Reply reply = caller.post("/api/v1/ask", Json.createObjectBuilder().add("question", question)
                .add("collections", Json.createArrayBuilder().add(collection())).build());
        if (reply.status() != 200) {
            throw new IllegalStateException("ask answered " + reply.status());
        }
        return serverMillis(reply);
    }

    /** An extractive answer as the caller, without naming a collection: the router picks them. */
    public double askAnywhere(Api caller, String question) {
        Api.Reply reply = caller.post("/api/v1/ask", Json.createObjectBuilder().add("question", question).build());
        if (reply.status() != 200) {
            throw new IllegalStateException("ask answered " + reply.status());
        }
        return serverMillis(reply);
    }

    /** A GET as the caller (a list); returns the server's time. */
    public double get(Api caller, String path) {
        Api.Reply reply = caller.get(path);
        if (reply.status() != 200) {
            throw new IllegalStateException(path + " answered " + reply.status());
        }
        return serverMillis(reply);
    }

    public void flushCache() {
        admin.delete("/api/v1/admin/cache");
    }

    /** The whole request inside Liberty, from its Server-Timing header; NaN without one. */
    static double serverMillis(Api.Reply reply) {
        List<String> timing = reply.headers().get("server-timing");
        if (timing == null || timing.isEmpty()) {
            return Double.NaN;
        }
        String value = timing.get(0);
        return Double.parseDouble(value.substring(value.indexOf("dur=") + 4));
    }
}
