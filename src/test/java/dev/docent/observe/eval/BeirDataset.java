package dev.docent.observe.eval;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A retrieval benchmark in the BEIR layout: corpus.jsonl, queries.jsonl and qrels/test.tsv. */
public record BeirDataset(String name, List<Doc> corpus, Map<String, String> queries,
                          Map<String, Map<String, Integer>> qrels) {

    /** A corpus document. */
    public record Doc(String id, String title, String text) {
    }

    /**
     * Reads the dataset; only queries with judgements are kept, the first {@code queryLimit} of them (in the
     * qrels' order) when a limit is given.
     */
    public static BeirDataset read(Path directory, int queryLimit) throws IOException {
        List<Doc> corpus = new ArrayList<>();
        forEachJson(directory.resolve("corpus.jsonl"), o -> corpus.add(
                new Doc(o.getString("_id"), o.getString("title", ""), o.getString("text", ""))));
        Map<String, String> allQueries = new LinkedHashMap<>();
        forEachJson(directory.resolve("queries.jsonl"), o -> allQueries.put(o.getString("_id"), o.getString("text")));
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        for (String line : Files.readAllLines(directory.resolve("qrels/test.tsv"), StandardCharsets.UTF_8)) {
            String[] fields = line.split("\t");
            if (fields.length < 3 || fields[0].equals("query-id") || !allQueries.containsKey(fields[0])) {
                continue;
            }
            if (queryLimit > 0 && !qrels.containsKey(fields[0]) && qrels.size() >= queryLimit) {
                continue;
            }
            qrels.computeIfAbsent(fields[0], q -> new LinkedHashMap<>()).put(fields[1], Integer.parseInt(fields[2].strip()));
        }
        Map<String, String> queries = new LinkedHashMap<>();
        qrels.keySet().forEach(q -> queries.put(q, allQueries.get(q)));
        return new BeirDataset(directory.toAbsolutePath().normalize().getFileName().toString(), corpus, queries, qrels);
    }

    private interface JsonLine {
        void accept(JsonObject object);
    }

    private static void forEachJson(Path file, JsonLine consumer) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    try (JsonReader json = Json.createReader(new StringReader(line))) {
                        consumer.accept(json.readObject());
                    }
                }
            }
        }
    }
}
